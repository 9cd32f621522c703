using System.Diagnostics.Metrics;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CleanShop.IntegrationTests.Support;

/// <summary>The S3 requests one API instance sent, read from its own metric (cleanshop.s3.requests) from the moment it started.</summary>
public sealed class S3CallCounter(IMeterFactory meterFactory) : IDisposable
{
    private readonly MetricCollector<long> _requests = new(meterFactory, CatalogMetrics.MeterName, "cleanshop.s3.requests");
    private readonly MetricCollector<long> _sweeps = new(meterFactory, CatalogMetrics.MeterName, "cleanshop.image_index.sweeps");

    /// <summary>ListObjectsV2 pages a request waited for: a read that found no entry, or a write listing its product again.</summary>
    public long RequestPathLists => Count("ListObjectsV2", "request");

    /// <summary>ListObjectsV2 pages the background sweep read.</summary>
    public long BackgroundLists => Count("ListObjectsV2", "background");

    /// <summary>Every S3 request a client request waited for, of any operation.</summary>
    public long RequestPathCalls => _requests.GetMeasurementSnapshot().Where(m => Tag(m, "path") == "request").Sum(m => m.Value);

    /// <summary>Sweeps finished so far, by this instance.</summary>
    public long Sweeps => _sweeps.GetMeasurementSnapshot().Where(m => Tag(m, "result") == "ok").Sum(m => m.Value);

    /// <summary>Waits until this instance has finished <paramref name="count"/> more sweeps than <paramref name="after"/>.</summary>
    public Task WaitForSweepsAsync(long after, int count = 1, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync($"{count} sweep(s) after {after} (so far {Sweeps})", () => Sweeps >= after + count, timeout ?? TimeSpan.FromSeconds(30));

    public long Count(string operation, string path) =>
        _requests.GetMeasurementSnapshot().Where(m => Tag(m, "operation") == operation && Tag(m, "path") == path).Sum(m => m.Value);

    private static string? Tag(CollectedMeasurement<long> measurement, string name) =>
        measurement.Tags.TryGetValue(name, out var value) ? value as string : null;

    public void Dispose()
    {
        _requests.Dispose();
        _sweeps.Dispose();
    }
}
