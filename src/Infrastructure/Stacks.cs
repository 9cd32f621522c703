namespace CleanShop.Infrastructure;

/// <summary>
/// Where the service runs: local (the S3 emulator and the local stack's PostgreSQL and Redis), demo, stage
/// or prod (AWS). Chosen by CLEANSHOP_STACK; it is the host environment, so appsettings.{stack}.json applies.
/// </summary>
public static class Stacks
{
    public const string Local = "local";
    public static readonly string[] All = [Local, "demo", "stage", "prod"];

    public static string FromEnvironment()
    {
        var stack = Environment.GetEnvironmentVariable("CLEANSHOP_STACK") ?? Local;
        return All.Contains(stack, StringComparer.Ordinal)
            ? stack
            : throw new InvalidOperationException($"CLEANSHOP_STACK is '{stack}'; it must be one of {string.Join(", ", All)}.");
    }
}
