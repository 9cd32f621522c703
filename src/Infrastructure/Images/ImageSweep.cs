using System.Diagnostics;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using CleanShop.Infrastructure.Caching;
using CleanShop.Infrastructure.Telemetry;
using CleanShop.Infrastructure.Variants;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Images;

/// <summary>
/// Keeps every cached image set in step with the bucket, whoever wrote to it (the console, a sync script): no cache can
/// know of a change made behind its back. Every sweep interval it lists the whole bucket and compares each product's
/// fingerprint with the cached set's; a product that changed, or nears its refresh point, is signed again and set (the
/// backplane tells every instance); the others keep their URLs byte for byte. The catalog's products without objects
/// are compared too, so that one whose objects all went gets its empty set. One instance sweeps at a time, holding a
/// lease in Redis that another takes over when it is not renewed. A failing sweep is logged, counted and tried again.
/// </summary>
internal sealed class ImageSweep(
    IImageStore store, ImageStorage images, Variants.ImageVariants variants, ImageWriteGuard guard, ICatalogReads catalog, RedisConnection redis,
    IOptions<ImageOptions> options, TimeProvider clock, CatalogMetrics metrics, ILogger<ImageSweep> logger) : BackgroundService
{
    private static readonly ProductListFilter EveryProduct = new(null, null, null);
    private readonly ImageOptions _options = options.Value;
    private TimeSpan _lastSweepDuration; // a slow S3 makes sweeps long: the next one signs that much earlier

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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

                // Without the lease, look for it more often, so that a dead sweeper is replaced within its lease time.
                var wait = lease is null && redis.Multiplexer is not null ? TimeSpan.FromTicks(Math.Min(_options.LeaseTime.Ticks / 4, _options.SweepInterval.Ticks)) : _options.SweepInterval;
                await Task.Delay(wait, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default); // stopping ends the loop
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
        if (lease is { HandleLostToken.IsCancellationRequested: false })
            return lease;
        if (lease is not null)
        {
            logger.LogWarning("This instance lost the image sweep lease");
            await lease.DisposeAsync();
        }

        if (redis.Multiplexer is not { } multiplexer)
            return null;
        var taken = await new RedisDistributedLock(redis.KeyPrefix + "image-index:lease", multiplexer.GetDatabase(), o => o.Expiry(_options.LeaseTime))
            .TryAcquireAsync(TimeSpan.Zero, cancellationToken);
        if (taken is not null)
            logger.LogInformation("This instance sweeps the image bucket every {Interval}", _options.SweepInterval);
        return taken;
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Read before listing: a write after this number may be newer than what the listing shows.
        var listingBegan = await guard.ReadLatestWriteAsync() ?? 0;
        var listingStarted = clock.GetUtcNow();
        var listed = new List<(int ProductId, StoredImage Image)>();
        var pages = 0;
        await foreach (var page in store.ListBucketAsync(cancellationToken))
        {
            pages++;
            listed.AddRange(page);
        }

        var products = listed.ToLookup(o => o.ProductId, o => o.Image);
        var listedVariants = await variants.ListAllAsync(cancellationToken);
        // Signed again two intervals and a sweep's time ahead of the refresh point, so no read finds a set past it. A sweep's
        // time is the longer of the last one and this one so far: when S3 turns slow, the next sweep is as slow as this.
        var sweepTime = TimeSpan.FromTicks(Math.Max(_lastSweepDuration.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
        var signBefore = clock.GetUtcNow() + 2 * _options.SweepInterval + sweepTime;
        var changed = 0;
        var currentVariants = new Dictionary<int, CurrentVariants>();
        foreach (var productId in products.Select(p => p.Key).Union(await CatalogIdsAsync(cancellationToken)))
        {
            IReadOnlyList<StoredImage> productObjects = [.. products[productId].OrderBy(o => o.Key, StringComparer.Ordinal)];
            var current = currentVariants[productId] = await variants.CurrentAsync(productId, productObjects, listedVariants[productId], cancellationToken);
            var fingerprint = ImageSet.FingerprintOf(productObjects, current);
            var cached = await images.PeekAsync(productId, cancellationToken);
            if (cached is { Degraded: false } && cached.Fingerprint == fingerprint && cached.RefreshAt > signBefore)
                continue;
            if (cached is null && productObjects.Count == 0)
                continue; // nothing cached, nothing to show: a read lists it if one comes
            await images.SetUnlessStaleAsync(ImageSet.Sign(store, productId, productObjects, listingBegan, _options, clock.GetUtcNow(), current), cancellationToken);
            changed++;
        }

        await variants.SweepAsync(listed, listedVariants, currentVariants, listingStarted, cancellationToken);
        var duration = Stopwatch.GetElapsedTime(started);
        _lastSweepDuration = duration;
        metrics.Swept(duration, pages, listed.Count, changed);
        logger.LogDebug("Swept {Objects} objects in {Pages} pages in {Duration}: {Changed} products signed again", listed.Count, pages, duration, changed);
    }

    /// <summary>The catalog's products, for those whose objects all went; while PostgreSQL is away, the listed ones alone.</summary>
    private async Task<IEnumerable<int>> CatalogIdsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await catalog.GetListAsync(EveryProduct, cancellationToken)).Select(p => p.Id);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The catalog could not be read; this sweep compares only the products that have objects");
            return [];
        }
    }
}
