using CleanShop.Infrastructure.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CleanShop.Api.Hosting;

/// <summary>
/// Traces (incoming requests, and the calls to S3, PostgreSQL and Redis they make) and runtime and process metrics
/// beside the service's own on /metrics. Exported over OTLP only when the standard OTEL_EXPORTER_OTLP_ENDPOINT is
/// set. Without it nothing would read a span, so none is recorded: each request still gets a trace id (logs and
/// problem details carry it, and outgoing calls pass it on), at a fraction of a recorded span's cost.
/// The standard OTEL_TRACES_SAMPLER overrides that choice either way.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "cleanshop-api";

    public static WebApplicationBuilder AddCatalogTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperations(context.Request.Path))
                .AddComponentInstrumentation())
            .WithMetrics(metrics => metrics
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        else if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_TRACES_SAMPLER"]))
            telemetry.WithTracing(tracing => tracing.SetSampler(new AlwaysOffSampler()));
        return builder;
    }

    /// <summary>Scrapes and probes every few seconds would drown the traces that matter.</summary>
    private static bool IsOperations(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
