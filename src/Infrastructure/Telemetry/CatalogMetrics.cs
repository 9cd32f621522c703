using System.Diagnostics.Metrics;

namespace CleanShop.Infrastructure.Telemetry;

/// <summary>
/// The service's own instruments: what the image path costs in S3 requests (by operation, and by whether a request
/// or the background sweep made them), cache lookups, and what each sweep of the bucket did.
/// </summary>
public sealed class CatalogMetrics
{
    public const string MeterName = "CleanShop";

    private readonly Counter<long> _s3Requests;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _presigns;
    private readonly Counter<long> _sweeps;
    private readonly Histogram<double> _sweepDuration;
    private readonly Counter<long> _sweepPages;
    private readonly Counter<long> _sweepObjects;
    private readonly Counter<long> _sweepChangedProducts;
    private readonly Counter<long> _stagedCleanups;
    private readonly Counter<long> _stagedRemoved;
    private readonly Counter<long> _variantsMade;
    private readonly Counter<long> _variantFailures;
    private readonly Histogram<double> _variantSeconds;
    private Func<long> _variantsPending = static () => 0;

    public CatalogMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _s3Requests = meter.CreateCounter<long>("cleanshop.s3.requests", "{request}",
            "S3 requests sent, by operation and by path: request (a client waited for it), background (the sweep) or variants.");
        _cacheLookups = meter.CreateCounter<long>("cleanshop.image_cache.lookups", "{lookup}", "Image-set cache lookups, by result (hit or miss).");
        _presigns = meter.CreateCounter<long>("cleanshop.s3.presigns", "{url}", "Presigned URLs signed.");
        _sweeps = meter.CreateCounter<long>("cleanshop.image_index.sweeps", "{sweep}", "Sweeps of the image bucket, by result (ok or failed).");
        _sweepDuration = meter.CreateHistogram<double>("cleanshop.image_index.sweep.duration", "s", "How long one sweep of the image bucket took.");
        _sweepPages = meter.CreateCounter<long>("cleanshop.image_index.sweep.pages", "{page}", "ListObjectsV2 pages read by sweeps.");
        _sweepObjects = meter.CreateCounter<long>("cleanshop.image_index.sweep.objects", "{object}", "Objects seen by sweeps.");
        _sweepChangedProducts = meter.CreateCounter<long>("cleanshop.image_index.sweep.changed_products", "{product}",
            "Products whose image set a sweep signed and stored again (changed, or their URLs reached the refresh point).");
        _stagedCleanups = meter.CreateCounter<long>("cleanshop.image_uploads.staged_cleanups", "{pass}", "Passes of the staged-upload cleanup, by result (ok or failed).");
        _variantsMade = meter.CreateCounter<long>("cleanshop.image_variants.made", "{variant}", "Image variants made and stored, by variant name.");
        _variantFailures = meter.CreateCounter<long>("cleanshop.image_variants.failed", "{original}", "Originals that yielded no variant (corrupt, too large, over the pixel limit, or S3 failing).");
        _variantSeconds = meter.CreateHistogram<double>("cleanshop.image_variants.processing.duration", "s", "How long making one original's variants took, download to upload.");
        meter.CreateObservableGauge("cleanshop.image_variants.pending", () => _variantsPending(), "{original}", "Originals waiting for their variants, in every instance's queue.");
        _stagedRemoved = meter.CreateCounter<long>("cleanshop.image_uploads.staged_removed", "{object}", "Staged direct uploads removed because they were never completed in time.");
    }

    /// <param name="background">Sent by the sweep, not for a request that waits on it.</param>
    internal void S3Request(string operation, bool background) => S3Request(operation, background ? "background" : "request");

    /// <param name="path">request, background (the sweep) or variants (making and deleting them).</param>
    internal void S3Request(string operation, string path) => _s3Requests.Add(1,
        new KeyValuePair<string, object?>("operation", operation),
        new KeyValuePair<string, object?>("path", path));

    public void CacheLookup(bool hit) => CacheLookups(1, hit);

    /// <summary>Many lookups at once (a list page's image sets): one measurement, not one per product.</summary>
    public void CacheLookups(int count, bool hit)
    {
        if (count > 0)
            _cacheLookups.Add(count, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
    }

    public void Presigned() => _presigns.Add(1);

    /// <summary>One pass of the staged-upload cleanup, and how many staged uploads it removed.</summary>
    internal void StagedUploadsRemoved(int count)
    {
        _stagedCleanups.Add(1, new KeyValuePair<string, object?>("result", "ok"));
        _stagedRemoved.Add(count);
    }

    internal void StagedUploadCleanupFailed() => _stagedCleanups.Add(1, new KeyValuePair<string, object?>("result", "failed"));

    internal void Swept(TimeSpan duration, int pages, int objects, int changedProducts)
    {
        _sweeps.Add(1, new KeyValuePair<string, object?>("result", "ok"));
        _sweepDuration.Record(duration.TotalSeconds);
        _sweepPages.Add(pages);
        _sweepObjects.Add(objects);
        _sweepChangedProducts.Add(changedProducts);
    }

    internal void VariantMade(string name) => _variantsMade.Add(1, new KeyValuePair<string, object?>("variant", name));

    internal void VariantsProcessed(TimeSpan duration) => _variantSeconds.Record(duration.TotalSeconds);

    internal void VariantFailed() => _variantFailures.Add(1);

    internal void ObserveVariantsPending(Func<long> pending) => _variantsPending = pending;

    internal void SweepFailed() => _sweeps.Add(1, new KeyValuePair<string, object?>("result", "failed"));
}
