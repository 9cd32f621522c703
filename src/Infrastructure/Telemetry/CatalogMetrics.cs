using System.Diagnostics.Metrics;

namespace CleanShop.Infrastructure.Telemetry;

/// <summary>The service's own instruments: what the image path costs in S3 requests and cache lookups.</summary>
public sealed class CatalogMetrics
{
    public const string MeterName = "CleanShop";

    private readonly Counter<long> _s3Requests;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _presigns;

    public CatalogMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _s3Requests = meter.CreateCounter<long>("cleanshop.s3.requests", "{request}", "S3 requests sent, by operation.");
        _cacheLookups = meter.CreateCounter<long>("cleanshop.image_cache.lookups", "{lookup}", "Image-set cache lookups, by result (hit or miss).");
        _presigns = meter.CreateCounter<long>("cleanshop.s3.presigns", "{url}", "Presigned URLs signed.");
    }

    public void S3Request(string operation) => _s3Requests.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void CacheLookup(bool hit) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void Presigned() => _presigns.Add(1);
}
