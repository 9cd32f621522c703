using Microsoft.Extensions.Configuration;

namespace CleanShop.Infrastructure;

/// <summary>
/// Where the service runs: local (the S3 emulator and the local stack's PostgreSQL and Redis), demo, stage
/// or prod (AWS). Chosen by CLEANSHOP_STACK (the command line's --stack first); it is the host environment,
/// so appsettings.{stack}.json applies.
/// </summary>
public static class Stacks
{
    public const string Local = "local";
    public static readonly string[] All = [Local, "demo", "stage", "prod"];

    /// <summary>Environment variables that the local stack alone reads (<c>CLEANSHOP_LOCAL__ConnectionStrings__Catalog</c>): build/cleanshop passes the local components' addresses so, and another stack never sees them.</summary>
    public const string LocalSettingsPrefix = "CLEANSHOP_LOCAL__";

    /// <summary>The stack asked for: <paramref name="option"/> (a command line's --stack), else CLEANSHOP_STACK, else local.</summary>
    public static string Choose(string? option = null) =>
        option ?? Environment.GetEnvironmentVariable("CLEANSHOP_STACK") ?? Local;

    /// <summary>Why <paramref name="stack"/> cannot be used; null when it is one of <see cref="All"/>.</summary>
    public static string? Problem(string stack) =>
        All.Contains(stack, StringComparer.Ordinal)
            ? null
            : $"CLEANSHOP_STACK is '{stack}'; it must be one of {string.Join(", ", All)}.";

    /// <summary>The stack CLEANSHOP_STACK names, for a host that has no option of its own; a bad name stops it.</summary>
    public static string FromEnvironment()
    {
        var stack = Choose();
        return Problem(stack) is { } problem ? throw new InvalidOperationException(problem) : stack;
    }

    /// <summary>
    /// The local stack must never reach for AWS. Without the emulator's address (appsettings.local.json not
    /// found: the process was started outside its folder) its S3 client would fall back to the AWS default
    /// credential chain, which probes the cloud's instance-metadata address. Refuse to start instead.
    /// </summary>
    public static void EnsureLocalStaysLocal(string stack, IConfiguration configuration)
    {
        if (stack == Local && string.IsNullOrWhiteSpace(configuration["ImageStorage:ServiceUrl"]))
            throw new InvalidOperationException(
                "The local stack has no ImageStorage:ServiceUrl (the S3 emulator's address): appsettings.local.json was not found. "
                + "Start the app from its own folder, or pass --contentRoot with that folder.");
    }
}
