using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// The API as an operator runs it: its own process (the test assembly's copy of CleanShop.Api.dll), its
/// console collected line by line, its address read from Kestrel's "Now listening on" line.
/// </summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private ApiProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public Uri? Address { get; private set; }

    /// <summary>The API as a process on a free port, with the test components' addresses and <paramref name="environment"/> on top.</summary>
    public static ProcessStartInfo StartInfo(IDictionary<string, string?> environment)
    {
        TestComponents.EnsureRunning();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CleanShop.Api.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["CLEANSHOP_STACK"] = "local",
                ["ConnectionStrings__Catalog"] = TestComponents.PostgresConnection,
                ["ConnectionStrings__Redis"] = TestComponents.RedisConnection,
                ["ImageStorage__ServiceUrl"] = TestComponents.S3ServiceUrl,
                ["Database__MigrateOnStart"] = "false",
                ["SampleData__Enabled"] = "false",
            },
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return start;
    }

    /// <summary>Starts the API (see <see cref="StartInfo"/>) and waits until it listens.</summary>
    public static async Task<ApiProcess> StartAsync(IDictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        var start = StartInfo(environment);
        var api = new ApiProcess(Process.Start(start)!);
        var listening = await api.WaitForLineAsync(line => ListeningLine().IsMatch(line), timeout ?? TimeSpan.FromSeconds(90));
        api.Address = new Uri(ListeningLine().Match(listening).Groups["url"].Value);
        return api;
    }

    /// <summary>Waits until a line matching <paramref name="match"/> is written; fails with the console so far.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } found)
                return found;
            if (_process.HasExited)
            {
                _process.WaitForExit(); // until its output is read to the end
                if (_lines.FirstOrDefault(match) is { } last)
                    return last;
                throw new Xunit.Sdk.XunitException($"The API exited with {_process.ExitCode} before the expected line:\n{string.Join('\n', _lines)}");
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _lineArrived.WaitAsync(left))
                throw new Xunit.Sdk.XunitException($"The expected line did not come within {timeout}:\n{string.Join('\n', _lines)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        _lines.Enqueue(line);
        _lineArrived.Release();
    }

    // Text ("Now listening on: http://…") or compact JSON ("Now listening on: \"http://…\"").
    [GeneratedRegex(@"Now listening on: \\?""?(?<url>http://[^\s""\\]+)")]
    private static partial Regex ListeningLine();
}
