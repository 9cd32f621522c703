using System.Diagnostics;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Operations;

/// <summary>
/// build/test ends with build/test-summary: a CI log is often read from its tail, so that is where a failure's
/// name and message must be. Run here on TRX reports shaped as `dotnet test --logger trx` writes them.
/// </summary>
public sealed class TestSummaryScriptTests
{
    private const string Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    [Fact]
    public async Task The_summary_repeats_each_failed_test_with_its_message_and_sums_the_counts_of_every_report()
    {
        var results = Directory.CreateTempSubdirectory("cleanshop-test-summary-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(results.FullName, "unit.trx"), Report(passed: 3, failed: 0, notExecuted: 0, ""));
            await File.WriteAllTextAsync(Path.Combine(results.FullName, "integration.trx"), Report(passed: 5, failed: 1, notExecuted: 2, $"""
                <UnitTestResult testName="A.Passing_test" outcome="Passed" />
                <UnitTestResult testName="A.Failing_test" outcome="Failed">
                  <Output><ErrorInfo>
                    <Message>CsCheck.CsCheckException : Set seed: "SEED" to reproduce
                DELETE /api/products/3/images/x</Message>
                    <StackTrace>   at A.Failing_test() in A.cs:line 7</StackTrace>
                  </ErrorInfo></Output>
                </UnitTestResult>
                """));

            var lines = (await RunAsync(results.FullName)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(
                [
                    "FAILED A.Failing_test",
                    "    CsCheck.CsCheckException : Set seed: \"SEED\" to reproduce",
                    "    DELETE /api/products/3/images/x",
                    "       at A.Failing_test() in A.cs:line 7",
                    "Tests: 8 passed, 1 failed, 2 skipped",
                ],
                lines);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }

    private static string Report(int passed, int failed, int notExecuted, string results) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="{Trx}">
          <Results>{results}</Results>
          <ResultSummary outcome="{(failed > 0 ? "Failed" : "Completed")}">
            <Counters total="{passed + failed + notExecuted}" passed="{passed}" failed="{failed}" notExecuted="{notExecuted}" />
          </ResultSummary>
        </TestRun>
        """;

    private static async Task<string> RunAsync(string directory)
    {
        var start = new ProcessStartInfo(Path.Combine(Repository.Root, "build", "test-summary"), [directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"build/test-summary exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
