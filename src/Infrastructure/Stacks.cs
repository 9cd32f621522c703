using Microsoft.Extensions.Configuration;

namespace CleanShop.Infrastructure;

/// <summary>
/// Where the service runs: local (the S3 emulator and the local stack's PostgreSQL and Redis), demo, stage
/// or prod (AWS). Chosen by CLEANSHOP_STACK; it is the host environment, so appsettings.{stack}.json applies.
/// </summary>
public static class Stacks
{
    public const string Local = "local";
    public static readonly string[] All = [Local, "demo", "stage", "prod"];

    /// <summary>Environment variables that the local stack alone reads (<c>CLEANSHOP_LOCAL__ConnectionStrings__Catalog</c>): build/cleanshop passes the local components' addresses so, and another stack never sees them.</summary>
    public const string LocalSettingsPrefix = "CLEANSHOP_LOCAL__";

    public static string FromEnvironment()
    {
        var stack = Environment.GetEnvironmentVariable("CLEANSHOP_STACK") ?? Local;
        return All.Contains(stack, StringComparer.Ordinal)
            ? stack
            : throw new InvalidOperationException($"CLEANSHOP_STACK is '{stack}'; it must be one of {string.Join(", ", All)}.");
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
