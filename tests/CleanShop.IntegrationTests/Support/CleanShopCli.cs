using System.Text;
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

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Lines(Output);

    public string[] ErrorLines => Lines(Error);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}

/// <summary>Captures what is written, and calls <see cref="OnLine"/> with each complete line before the writer returns.</summary>
public sealed class LineWatchingWriter(Action<string> onLine) : TextWriter
{
    private readonly StringBuilder _all = new();
    private readonly StringBuilder _line = new();

    public Action<string> OnLine { get; } = onLine;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_all)
        {
            _all.Append(value);
            if (value != '\n')
            {
                _line.Append(value);
                return;
            }
        }

        var line = _line.ToString().TrimEnd('\r');
        _line.Clear();
        OnLine(line);
    }

    public override string ToString()
    {
        lock (_all)
            return _all.ToString();
    }
}

/// <summary>A temporary folder of files, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cleanshop-cli-").FullName;

    public string Write(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
