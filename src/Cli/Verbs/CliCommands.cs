using System.CommandLine;
using CleanShop.Cli.Hosting;
using CleanShop.Infrastructure;

namespace CleanShop.Cli.Verbs;

/// <summary>The command tree: <c>cleanshop images upload|list|delete|variants</c> and <c>cleanshop cache clear</c>, with <c>--stack</c> on every verb.</summary>
internal static class CliCommands
{
    public static RootCommand CreateRoot(CliSession session)
    {
        var stack = new Option<string?>("--stack")
        {
            Description = "The stack whose settings to use, as the API reads them: local (the local components), demo, stage or prod (AWS credentials from the environment or a profile). Default: $CLEANSHOP_STACK, else local.",
            HelpName = string.Join('|', Stacks.All),
            Recursive = true,
        };
        stack.AcceptOnlyFromAmong(Stacks.All);

        var images = new Command("images", "Upload, list and delete a product's images, and make their variants.")
        {
            UploadVerb.Create(session, stack),
            ListVerb.Create(session, stack),
            DeleteVerb.Create(session, stack),
            VariantsVerb.Create(session, stack),
        };
        var cache = new Command("cache", "The image cache that every API instance shares.")
        {
            CacheClearVerb.Create(session, stack),
        };
        return new RootCommand("CleanShop's command line: product images and their cache, through the same checks as the API. Exit codes: 0 done, 1 failed while working, 2 bad input.")
        {
            stack,
            images,
            cache,
            new Command("db", "The catalog database.") { DbMigrateVerb.Create(session, stack) },
        };
    }

    /// <summary>"cleanshop images upload", for hints.</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (var current = command; current is not null and not RootCommand; current = current.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, current.Name);
        names.Insert(0, "cleanshop");
        return string.Join(' ', names);
    }

    /// <summary>--product-id: a positive whole number.</summary>
    public static Option<int> ProductId(string description)
    {
        var option = new Option<int>("--product-id") { Description = description, HelpName = "id", Required = true };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
                result.AddError("--product-id must be a positive whole number.");
        });
        return option;
    }
}
