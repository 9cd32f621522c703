using System.Diagnostics;
using CleanShop.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Trace;

namespace CleanShop.IntegrationTests.Operations;

/// <summary>The API with its spans collected in memory (OpenTelemetry's in-memory exporter) beside its real exporters.</summary>
public sealed class TracedApiFactory : CleanShopApiFactory
{
    public List<Activity> Spans { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A sampler named: the API traces without an OTLP endpoint (it wires no tracing when neither is set). A host
        // setting, so that Program sees it while it builds, as it sees the environment variable.
        builder.UseSetting("OTEL_TRACES_SAMPLER", "always_on");
        builder.ConfigureTestServices(services =>
        {
            // An exporter of its own, beside the API's (none without an OTLP endpoint).
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans).SetSampler(new AlwaysOnSampler()));
            // Redis spans are made from a profiling session, flushed every 10 s by default.
            services.Configure<StackExchangeRedisInstrumentationOptions>(options => options.FlushInterval = TimeSpan.FromMilliseconds(100));
        });
    }
}

public sealed class TracingTests(TracedApiFactory api) : IClassFixture<TracedApiFactory>
{
    /// <summary>
    /// HybridCache reads its shared level (Redis) and runs a load on a work item of its own, outside the caller's
    /// execution context. The load takes the caller's activity along, so its S3 listing joins the request's trace;
    /// HybridCache's own Redis read still starts a trace of its own, and is asserted only to happen during the read.
    /// </summary>
    [Fact]
    public async Task A_list_read_after_a_cache_clear_traces_its_PostgreSQL_queries_and_S3_listing_in_the_request_trace_and_makes_Redis_spans_while_it_runs()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync("Traced Toucan");
        await admin.UploadAsync(id, ("front.png", TestImages.Png));
        // Forgets every image set in memory and in Redis: the next read asks Redis, then lists the objects in S3.
        (await admin.DeleteAsync("/api/images/cache")).EnsureSuccessStatusCode();

        // The create invalidated every list: the page's ids and the new product come from PostgreSQL, its images from Redis and S3.
        // The read carries a trace id of the test's own, so its server span is found whichever test's spans land beside it.
        var traceId = ActivityTraceId.CreateRandom();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/products?page_size=100");
        read.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await api.CreateClient().SendAsync(read)).EnsureSuccessStatusCode();

        // The server span is exported when its activity stops, which may come just after the client has the answer;
        // the Redis spans come with the profiler's flush.
        Activity? server = null;
        await Eventually.HoldsAsync("the request's server span and every span during it are exported", () =>
        {
            lock (api.Spans)
                server = api.Spans.SingleOrDefault(s => s.Kind == ActivityKind.Server && s.TraceId == traceId);
            return server is not null && HasAll(During(server));
        });

        Assert.NotNull(server);
        var spans = During(server);
        var described = string.Join("\n", spans.Select(s => $"{s.TraceId} {s.Source.Name}:{s.DisplayName}"));
        Assert.True(HasAll(spans), $"spans during the read ({server.TraceId}):\n{described}");
        Assert.Contains(spans, s => s.Source.Name == "Npgsql" && s.TraceId == server.TraceId && s.ParentSpanId == server.SpanId);
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.Source.Name.StartsWith("System.Net.Http", StringComparison.Ordinal)
            && s.TraceId == server.TraceId
            && (s.GetTagItem("url.full") as string ?? "").Contains(api.Isolation.Bucket, StringComparison.Ordinal));
    }

    private Activity[] During(Activity server)
    {
        lock (api.Spans)
            return api.Spans.Where(s => s.StartTimeUtc >= server.StartTimeUtc && s.StartTimeUtc <= server.StartTimeUtc + server.Duration).ToArray();
    }

    [Fact]
    public async Task Metrics_show_runtime_and_process_figures_beside_the_service_own()
    {
        var metrics = await api.CreateClient().GetStringAsync("/metrics");

        Assert.Contains("cleanshop_s3_presigns_total", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
        Assert.Contains("process_cpu_time_seconds_total", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_read_before_it_is_cached_traces_its_PostgreSQL_load_under_the_request()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync("Traced Tapir"); // a new product: in no cache yet

        var traceId = ActivityTraceId.CreateRandom();
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{id}");
        read.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await api.CreateClient().SendAsync(read)).EnsureSuccessStatusCode();

        // The load may serve several requests at once; its query belongs to the first one's trace all the same.
        Activity[] queries = [];
        await Eventually.HoldsAsync("the load's query is exported in the request's trace", () =>
        {
            lock (api.Spans)
                queries = api.Spans.Where(s => s.Source.Name == "Npgsql" && s.TraceId == traceId).ToArray();
            return queries.Length > 0;
        });

        Assert.NotEmpty(queries);
    }

    private static bool HasAll(Activity[] spans) =>
        spans.Any(s => s.Source.Name == "Npgsql")
        && spans.Any(s => s.Source.Name.Contains("Redis", StringComparison.Ordinal))
        && spans.Any(s => s.Source.Name.StartsWith("System.Net.Http", StringComparison.Ordinal) && s.Kind == ActivityKind.Client);
}
