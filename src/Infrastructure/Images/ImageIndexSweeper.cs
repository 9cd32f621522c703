using System.Diagnostics;
using System.Globalization;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Infrastructure.Caching;
using CleanShop.Infrastructure.Storage;
using CleanShop.Infrastructure.Telemetry;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Images;

/// <summary>
/// Keeps every product's cached image set in step with the bucket, whoever wrote to it (this API, the command line,
/// the AWS console, a sync script). Every <see cref="ImageIndexOptions.SweepInterval"/> it lists the whole bucket, page by
/// page, groups the keys by product and compares each product's objects with what is cached. Products that changed, and
/// products whose URLs near the refresh point, are signed again, stored and announced to every instance; the others
/// keep their URLs byte for byte. One instance sweeps at a time: it holds a lease in Redis that it renews while it
/// lives, and another instance takes the lease over when it is not renewed. A failing sweep is logged, counted and
/// tried again at the next interval; it never stops the host.
/// </summary>
internal sealed class ImageIndexSweeper(
    S3ImageBucket bucket,
    ImageSetCache cache,
    ImageSetSigner signer,
    RedisConnection redis,
    CacheInvalidationBus bus,
    IOptions<ImageIndexOptions> options,
    TimeProvider clock,
    CatalogMetrics metrics,
    ILogger<ImageIndexSweeper> logger) : BackgroundService
{
    private static readonly SweptProduct Unknown = new("", DateTimeOffset.MinValue);

    private readonly ImageIndexOptions _options = options.Value;

    // What this sweeper last stored or saw stored, per product that has objects. Filled again from the shared level
    // when this instance takes the lease over, and after Redis comes back (it may have lost everything).
    private readonly Dictionary<int, SweptProduct> _known = [];
    private string _knownSaved = "";
    private int _revalidate = 1;
    private TimeSpan _lastSweepDuration;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bus.Reconnected += () => Volatile.Write(ref _revalidate, 1);
        RedisDistributedLockHandle? lease = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    lease = await KeepOrTakeLeaseAsync(lease, stoppingToken);
                    if (lease is not null || redis.Multiplexer is null)
                        await SweepAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    metrics.SweepFailed();
                    logger.LogWarning(exception, "Sweep of the image bucket failed; trying again in {Interval}", _options.SweepInterval);
                }

                // An instance without the lease looks for it more often, so that a dead sweeper is replaced within its lease time.
                var wait = lease is null && redis.Multiplexer is not null && _options.LeaseTime / 4 < _options.SweepInterval
                    ? _options.LeaseTime / 4
                    : _options.SweepInterval;
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            if (lease is not null)
                await lease.DisposeAsync();
        }
    }

    private async Task<RedisDistributedLockHandle?> KeepOrTakeLeaseAsync(RedisDistributedLockHandle? lease, CancellationToken cancellationToken)
    {
        if (lease is not null && !lease.HandleLostToken.IsCancellationRequested)
            return lease;
        if (lease is not null)
        {
            logger.LogWarning("This instance lost the image sweep lease");
            await lease.DisposeAsync();
        }

        if (redis.Multiplexer is not { } multiplexer)
            return null;
        var @lock = new RedisDistributedLock(redis.KeyPrefix + "image-index:lease", multiplexer.GetDatabase(), o => o.Expiry(_options.LeaseTime));
        var taken = await @lock.TryAcquireAsync(TimeSpan.Zero, cancellationToken);
        if (taken is not null)
        {
            logger.LogInformation("This instance sweeps the image bucket every {Interval}", _options.SweepInterval);
            Volatile.Write(ref _revalidate, 1);
        }

        return taken;
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Read before listing: a write after this number may be newer than what the listing shows.
        var listingBegan = await cache.ReadLatestWriteAsync() ?? 0;
        if (Interlocked.Exchange(ref _revalidate, 0) == 1)
            await ForgetWhatWasKnownAsync();

        var listed = new Dictionary<int, List<StoredImage>>();
        int pages = 0, objects = 0;
        await foreach (var page in bucket.ListBucketAsync(cancellationToken))
        {
            pages++;
            objects += page.Count;
            foreach (var s3Object in page)
            {
                if (!ProductImageKey.TryParse(s3Object.Key, out var productId, out var filename))
                    continue;
                if (!listed.TryGetValue(productId, out var productObjects))
                    listed[productId] = productObjects = [];
                productObjects.Add(S3ImageBucket.ToStoredImage(s3Object, filename));
            }
        }

        // Signed again ahead of the refresh point, by two intervals and what the last sweep took (a slow S3 makes sweeps
        // long), so that no read ever finds a set past it.
        var signBefore = clock.GetUtcNow() + 2 * _options.SweepInterval + _lastSweepDuration;
        var changed = 0;
        foreach (var productId in listed.Keys.Union(_known.Keys).ToArray())
        {
            IReadOnlyList<StoredImage> productObjects = listed.TryGetValue(productId, out var found)
                ? [.. found.OrderBy(o => o.Key, StringComparer.Ordinal)]
                : [];
            var fingerprint = CachedImageSet.FingerprintOf(productObjects);
            if (_known.TryGetValue(productId, out var known) && known.Fingerprint == fingerprint && known.RefreshAt > signBefore)
                continue;

            // A write, a read or the previous sweeper may have stored this very set already.
            var shared = await cache.GetSharedAsync(productId, cancellationToken);
            if (shared is { Degraded: false } && shared.Fingerprint == fingerprint && shared.RefreshAt > signBefore)
            {
                Remember(shared);
                continue;
            }

            var set = signer.Sign(productId, productObjects, listingBegan);
            if (await cache.StoreAsync(set, cancellationToken))
            {
                changed++;
                await cache.PublishAsync(productId, cancellationToken);
                Remember(set);
            }
            else
            {
                _known.Remove(productId); // written after the listing began: the writer stored a newer set; look again next time
            }
        }

        await SaveWhatIsKnownAsync();
        var duration = Stopwatch.GetElapsedTime(started);
        _lastSweepDuration = duration;
        metrics.Swept(duration, pages, objects, changed);
        logger.LogDebug("Swept {Objects} objects in {Pages} pages in {Duration}: {Changed} products signed again", objects, pages, duration, changed);
    }

    /// <summary>A product without objects keeps its empty set in the cache, and leaves the sweep's attention.</summary>
    private void Remember(CachedImageSet set)
    {
        if (set.Images.Count == 0)
            _known.Remove(set.ProductId);
        else
            _known[set.ProductId] = new SweptProduct(set.Fingerprint, set.RefreshAt);
    }

    /// <summary>
    /// Every product this or an earlier sweeper knew to have objects is compared with the shared level again, so that
    /// one whose objects all went while the lease changed hands (or while Redis was away) still gets its empty set.
    /// </summary>
    private async Task ForgetWhatWasKnownAsync()
    {
        var ids = new HashSet<int>(_known.Keys);
        if (redis.Multiplexer is { } multiplexer)
        {
            var saved = (string?)await multiplexer.GetDatabase().StringGetAsync(KnownProductsKey);
            foreach (var id in (saved ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                ids.Add(int.Parse(id, CultureInfo.InvariantCulture));
        }

        _known.Clear();
        foreach (var id in ids)
            _known[id] = Unknown;
        _knownSaved = "";
    }

    private async Task SaveWhatIsKnownAsync()
    {
        var ids = string.Join(',', _known.Keys.Order());
        if (ids == _knownSaved || redis.Multiplexer is not { } multiplexer)
            return;
        await multiplexer.GetDatabase().StringSetAsync(KnownProductsKey, ids);
        _knownSaved = ids;
    }

    private string KnownProductsKey => redis.KeyPrefix + "image-index:products";

    private sealed record SweptProduct(string Fingerprint, DateTimeOffset RefreshAt);
}
