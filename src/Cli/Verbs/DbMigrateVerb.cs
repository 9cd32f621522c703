using System.CommandLine;
using CleanShop.Application.Catalog.Commands.MigrateCatalog;
using CleanShop.Cli.Hosting;

namespace CleanShop.Cli.Verbs;

/// <summary>
/// <c>cleanshop db migrate</c>: the deployment step that brings a stack's catalog database to the latest schema
/// (AWS stacks never migrate at start-up). Idempotent: a second run applies nothing and says so.
/// </summary>
internal static class DbMigrateVerb
{
    public static Command Create(CliSession session, Option<string?> stack)
    {
        var command = new Command("migrate", "Applies the catalog database's pending migrations (creating the database if it does not exist). Safe to run again: it then applies nothing.");
        command.SetAction((parse, cancellationToken) => session.RunAsync(parse.GetValue(stack), needsCatalog: false, async (sender, ct) =>
        {
            var applied = await sender.Send(new MigrateCatalogCommand(), ct);
            await session.Out.WriteLineAsync(applied.Count == 0
                ? "the catalog database is up to date: no migration to apply"
                : $"applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return ExitCodes.Done;
        }, cancellationToken));
        return command;
    }
}
