using CleanShop.Infrastructure;
using CleanShop.Infrastructure.Hosting;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace CleanShop.Cli.Hosting;

/// <summary>
/// One run of the command line: where its output goes, and how a verb gets its services. Every verb runs
/// through <see cref="RunAsync"/>, which picks the stack, refuses to start without credentials or with bad
/// settings, and turns any failure into one error line and an exit code.
/// </summary>
internal sealed class CliSession(IAnsiConsole console, TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>> settings)
{
    /// <summary>How long the AWS default credential chain may take to answer (a profile, SSO, an instance role).</summary>
    private static readonly TimeSpan CredentialsTimeout = TimeSpan.FromSeconds(10);

    public IAnsiConsole Console { get; } = console;

    public TextWriter Out { get; } = output;

    /// <summary>A terminal that can show a live progress bar; otherwise progress is written as plain lines.</summary>
    public bool Interactive => Console.Profile.Capabilities.Interactive;

    /// <summary>One line on stderr, whatever the message holds (a parser's list of allowed values spans several).</summary>
    public void Error(string message) =>
        error.WriteLine($"error: {string.Join(' ', message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");

    /// <param name="stackOption">The --stack value; else CLEANSHOP_STACK; else local.</param>
    /// <param name="needsCatalog">The verb reads the catalog database: it is prepared first as the API prepares it (migrations; sample products on the local stack).</param>
    public async Task<int> RunAsync(
        string? stackOption, bool needsCatalog, Func<ISender, CancellationToken, Task<int>> verb, CancellationToken cancellationToken)
    {
        var stack = Stacks.Choose(stackOption);
        if (Stacks.Problem(stack) is { } stackProblem)
        {
            Error(stackProblem);
            return ExitCodes.BadInput;
        }

        using var host = CliHost.Build(stack, settings, error);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        if (!ImageStorageCredentials.AreAvailable(configuration, CredentialsTimeout))
        {
            Error($"no AWS credentials for stack {stack}: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
            return ExitCodes.BadInput;
        }

        if (ValidateSettings(host.Services) is { } settingsError)
        {
            Error(settingsError);
            return ExitCodes.BadInput;
        }

        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            if (needsCatalog)
            {
                // A missing connection string is bad input, told before any work starts.
                if (CleanShopHost.CatalogSettingProblem(configuration) is { } catalogProblem)
                {
                    Error(catalogProblem);
                    return ExitCodes.BadInput;
                }

                // As the API prepares it at start-up, so that the command line works with only the components running.
                // The sample images are left to the API: loading them here would bring back images an operator has just deleted.
                await host.Services.PrepareCatalogAsync(withSampleImages: false, cancellationToken);
            }

            return await verb(scope.ServiceProvider.GetRequiredService<ISender>(), cancellationToken);
        }
        catch (Exception exception)
        {
            var (exitCode, message) = CliErrors.Describe(exception);
            Error(message);
            return exitCode;
        }
    }

    /// <summary>The options the API validates when it starts (bucket name, cache timings, upload limits).</summary>
    private static string? ValidateSettings(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (OptionsValidationException exception)
        {
            return $"bad setting: {string.Join(" ", exception.Failures)}";
        }
        catch (AggregateException exception)
        {
            return $"bad settings: {string.Join(" ", exception.InnerExceptions.Select(e => e.Message))}";
        }
    }
}
