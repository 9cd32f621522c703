using System.Diagnostics;

namespace CleanShop.IntegrationTests.Cli;

/// <summary>`dotnet cleanshop.dll` as a real process, where the process boundary is the point: its environment and its exit code.</summary>
public sealed class CliProcessTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("prod")]
    public async Task An_AWS_stack_without_AWS_credentials_refuses_to_run_with_one_line_and_exit_code_2(string stack)
    {
        var home = Directory.CreateTempSubdirectory("cleanshop-home-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [CliAssembly(), "images", "list", "--product-id", "1", "--stack", stack])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // Nothing for the default chain to find: no keys, no profile files, and no instance metadata
            // endpoint to ask (that would be a request off this machine).
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
                start.Environment.Remove(name);
            start.Environment["HOME"] = home;
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "no-credentials");
            start.Environment["AWS_CONFIG_FILE"] = Path.Combine(home, "no-config");
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            start.Environment.Remove("CLEANSHOP_STACK");

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(2, process.ExitCode);
            Assert.Equal($"error: no AWS credentials for stack {stack}: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY\n", (await error).ReplaceLineEndings("\n"));
            Assert.Empty(await output);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>The CLI as the test build made it: referenced by this project, it sits beside the test assembly.</summary>
    private static string CliAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "cleanshop.dll");
        Assert.True(File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), $"{path} is not a runnable app");
        return path;
    }
}
