using CleanShop.Infrastructure.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CleanShop.Api.Hosting;

/// <summary>
/// Traces (incoming requests, and the calls to S3, PostgreSQL and Redis they make) and runtime and process metrics
/// beside the service's own on /metrics. Traces are exported over OTLP when the standard OTEL_EXPORTER_OTLP_ENDPOINT
/// is set. Without it nothing would read a span, so no tracing is wired: each request still gets a trace id from
/// ASP.NET Core (see <see cref="RequestTraceIdListener"/>; logs and problem details carry it, and outgoing calls pass it
/// on), without the tracing instrumentation's per-request work (about 3% of a cached read's CPU). Naming a sampler in the
/// standard OTEL_TRACES_SAMPLER records spans without an endpoint (a test's own exporter).
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "cleanshop-api";

    public static WebApplicationBuilder AddCatalogTelemetry(this WebApplicationBuilder builder)
    {
        var exported = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var sampled = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_TRACES_SAMPLER"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithMetrics(metrics => metrics
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation());
        if (exported || sampled)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperations(context.Request.Path))
                .AddComponentInstrumentation());
        }
        else
        {
            builder.Services.AddHostedService<RequestTraceIdListener>();
        }

        if (exported)
            telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>Scrapes and probes every few seconds would drown the traces that matter.</summary>
    private static bool IsOperations(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
