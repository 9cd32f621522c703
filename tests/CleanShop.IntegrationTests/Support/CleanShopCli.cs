using CleanShop.Cli;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// The `cleanshop` command line run in-process, through its real entry point, against the database, bucket
/// and Redis prefix of one test API (its <see cref="CleanShopApiFactory.Settings"/>): two processes' worth
/// of hosts sharing one store and one cache, as an operator's CLI and a running API do. In-process rather
/// than `dotnet cleanshop.dll` because it is a second faster per run and takes its settings as a dictionary;
/// <see cref="CliProcessTests"/> runs the real process where the process itself is the point.
/// </summary>
public static class CleanShopCli
{
    public static Task<CliResult> RunAsync(CleanShopApiFactory api, params string[] args) => RunAsync(api.Settings, args);

    public static async Task<CliResult> RunAsync(IEnumerable<KeyValuePair<string, string?>> settings, string[] args, TextWriter? output = null)
    {
        output ??= new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error, settings);
        return new CliResult(exitCode, output.ToString()!, error.ToString());
    }
}
