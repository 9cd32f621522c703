using System.CommandLine;
using System.CommandLine.Invocation;
using CleanShop.Cli.Hosting;
using CleanShop.Cli.Verbs;
using Spectre.Console;

namespace CleanShop.Cli;

/// <summary>
/// The `cleanshop` command line, a second composition root beside the API: it parses the arguments and
/// runs one verb through the same Application use cases the API sends, so checks, the S3 layout and cache
/// invalidation are the same wherever a change comes from. Public so that tests run it in-process.
/// </summary>
public static class CliApp
{
    /// <summary>Runs one command line and returns its exit code (0 done, 1 failed while working, 2 bad input).</summary>
    /// <param name="output">Results: lines, tables, JSON. A progress bar is drawn only when it is the console of a terminal.</param>
    /// <param name="error">One line per problem, <c>error: ...</c>; never a stack trace.</param>
    /// <param name="settings">Configuration on top of appsettings and the environment (tests point it at their own components).</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error,
        IEnumerable<KeyValuePair<string, string?>>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var isConsole = ReferenceEquals(output, Console.Out);
        var session = new CliSession(CreateConsole(output, isConsole), output, error, settings ?? []);
        var parse = CliCommands.CreateRoot(session).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // System.CommandLine answers a usage error with exit code 1; here bad input is 2, and one line each.
            foreach (var parseError in parse.Errors)
                session.Error(parseError.Message);
            session.Error($"see '{CliCommands.PathOf(parse.CommandResult.Command)} --help'");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false, // it prints stack traces; the verbs report their own failures
                ProcessTerminationTimeout = isConsole ? TimeSpan.FromSeconds(5) : null, // Ctrl-C cancels; in-process callers own their signals
            }, cancellationToken);
        }
        catch (Exception exception)
        {
            session.Error(exception.Message);
            return ExitCodes.Failed;
        }
    }

    private static IAnsiConsole CreateConsole(TextWriter output, bool isConsole)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            // Only a terminal gets colours and a live progress bar; redirected output and in-process callers get plain lines.
            Ansi = isConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isConsole ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isConsole)
            console.Profile.Width = 250; // a file or a pipe has no width: a table row stays one line for the script reading it
        return console;
    }
}
