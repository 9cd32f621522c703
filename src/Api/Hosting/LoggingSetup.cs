using System.Diagnostics;
using System.Globalization;
using CleanShop.Infrastructure;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace CleanShop.Api.Hosting;

/// <summary>
/// Serilog to the console: readable text in the local stack; in AWS stacks one JSON object per line (Serilog's
/// compact format, with the message rendered) that carries the request's trace id (@tr) and span id (@sp).
/// </summary>
public static class LoggingSetup
{
    /// <summary>For what happens before the host's own logger exists (a bad setting, an unreachable database).</summary>
    public static Serilog.ILogger CreateBootstrapLogger() =>
        WriteToConsole(new LoggerConfiguration(), JsonFor(Environment.GetEnvironmentVariable("CLEANSHOP_STACK") ?? Stacks.Local)).CreateLogger();

    public static WebApplicationBuilder AddCatalogLogging(this WebApplicationBuilder builder)
    {
        var json = JsonFor(builder.Environment.EnvironmentName);
        builder.Services.AddSerilog((services, logger) => WriteToConsole(logger
            // While this category is on, ASP.NET Core opens a log scope for every request (its id and path), whose
            // async-local copies cost a cached read about a tenth of its processing. Its lines say what the request log
            // line says; a handler's lines are tied to their request by the trace id (@tr). Settings can still turn it on.
            .MinimumLevel.Override(HostingDiagnostics, LevelAlias.Off)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), json));

        // A client quoting a problem's traceId finds the request's log lines (@tr) and its trace.
        builder.Services.Configure<ProblemDetailsOptions>(options =>
        {
            var customize = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                if (Activity.Current is { } activity)
                    context.ProblemDetails.Extensions["traceId"] = activity.TraceId.ToHexString();
            };
        });
        return builder;
    }

    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static bool JsonFor(string stack) => stack != Stacks.Local && Stacks.All.Contains(stack, StringComparer.Ordinal);

    private static LoggerConfiguration WriteToConsole(LoggerConfiguration logger, bool json) => json
        ? logger.WriteTo.Console(new RenderedCompactJsonFormatter())
        : logger.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
}
