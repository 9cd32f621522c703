using System.Diagnostics;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Contract;

/// <summary>
/// What a storefront team's pipeline may run on the document before generating a client: redocly's recommended
/// rules (the repository's `build/openapi-lint` package, installed with `npm ci` here as a fresh clone needs it).
/// </summary>
public sealed class OpenApiLintTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    private static readonly string LintFolder = Path.Combine(Repository.Root, "build", "openapi-lint");

    [Fact]
    public async Task The_OpenAPI_document_passes_redocly_lint_with_its_recommended_rules_and_no_error()
    {
        var work = Directory.CreateTempSubdirectory("cleanshop-lint-");
        try
        {
            var document = Path.Combine(work.FullName, "openapi.json");
            await File.WriteAllTextAsync(document, await api.CreateClient().GetStringAsync("/openapi/v1.json"));
            if (!File.Exists(Path.Combine(LintFolder, "node_modules", ".bin", "redocly")))
                await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], LintFolder);

            var (exitCode, output) = await RunAsync(Path.Combine(LintFolder, "node_modules", ".bin", "redocly"), ["lint", document, "--format=stylish"], work.FullName, mayFail: true);

            Assert.True(exitCode == 0, $"redocly lint found errors:\n{output}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string directory, bool mayFail = false)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"`{file}` could not be started ({exception.Message}): Node.js 20+ with npm is needed, as for the S3 emulator (build/test installs it).", exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var said = $"{await output}\n{await error}";
            Assert.True(mayFail || process.ExitCode == 0, $"`{file} {string.Join(' ', arguments)}` exited with {process.ExitCode}:\n{said}");
            return (process.ExitCode, said);
        }
    }
}
