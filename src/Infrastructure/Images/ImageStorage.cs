using CleanShop.Infrastructure.Variants;
using System.Globalization;
using System.Runtime.CompilerServices;
using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Infrastructure.Caching;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace CleanShop.Infrastructure.Images;

/// <summary>
/// The image cache policy, on HybridCache (FusionCache: memory, Redis, and its backplane to every instance). A read is
/// one GetOrCreate: a miss lists the product once however many wait, bounded by the read timeout; while S3 cannot be
/// read, fail-safe hands out the last set, served with only the URLs that still work. A write is the S3 call, then a
/// set (or a remove). What no cache does is here too: a listing that began before a write is never kept after it
/// (<see cref="ImageWriteGuard"/>); and <see cref="ImageSweep"/> finds what other S3 clients changed.
/// </summary>
internal sealed class ImageStorage(
    HybridCache cache, IImageStore store, ImageWriteGuard guard, RedisConnection redis,
    IOptions<ImageOptions> options, TimeProvider clock, CatalogMetrics metrics, ILogger<ImageStorage> logger,
    Variants.ImageVariants? variants = null) : IImageStorage // none: the cache policy on its own, in unit tests
{
    public const string Tag = "product-images";
    public const string KeyPrefix = "product-images:";
    private const int ListingAttempts = 3;
    private static readonly string[] Tags = [Tag];
    private static readonly HybridCacheEntryOptions Peek = new() { Flags = HybridCacheEntryFlags.DisableUnderlyingData };
    private readonly ImageOptions _options = options.Value;
    // This process could not read S3; another may have, so the stand-in stays out of Redis.
    private readonly HybridCacheEntryOptions _standIn = new() { Expiration = options.Value.FailureCacheDuration, Flags = HybridCacheEntryFlags.DisableDistributedCacheWrite };

    public static string Key(int productId) => KeyPrefix + productId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Fresh until the refresh point; then, fail-safe, at hand while S3 cannot be read, until the URLs expire.</summary>
    public static FusionCacheEntryOptions EntryOptions(ImageOptions options) => new()
    {
        Duration = options.FreshFor,
        IsFailSafeEnabled = true,
        FailSafeMaxDuration = options.UrlLifetime,
        FailSafeThrottleDuration = options.FailureCacheDuration,
        FactorySoftTimeout = options.ReadTimeout,
        FactoryHardTimeout = options.ReadTimeout,
        AllowTimedOutFactoryBackgroundCompletion = false,
        AllowBackgroundBackplaneOperations = false, // told before a write returns: a command-line process may end right after
    };

    public async ValueTask<ProductImageSet> GetImagesAsync(int productId, CancellationToken cancellationToken) =>
        (await GetSetAsync(productId, cancellationToken)).Serve(clock.GetUtcNow());

    public async ValueTask<IReadOnlyList<ProductImageSet>> GetImagesAsync(IReadOnlyList<int> productIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sets = new ProductImageSet[productIds.Count];
        List<Task>? misses = null;
        for (var i = 0; i < productIds.Count; i++)
        {
            var read = GetSetAsync(productIds[i], cancellationToken);
            if (read.IsCompletedSuccessfully)
                sets[i] = read.Result.Serve(now);
            else
                (misses ??= []).Add(FillAsync(read, i)); // not in memory: to Redis together, pipelined on one connection
        }

        if (misses is not null)
            await Task.WhenAll(misses);
        return sets;

        async Task FillAsync(ValueTask<ImageSet> read, int index) => sets[index] = (await read).Serve(now);
    }

    /// <summary>A listing carries no content type: each object's own metadata does. A few lookups at once keep a long list quick.</summary>
    public async Task<IReadOnlyList<StoredImage>> ListStoredAsync(int productId, CancellationToken cancellationToken)
    {
        var listed = await store.ListProductAsync(productId, background: false, cancellationToken);
        var described = new StoredImage?[listed.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, listed.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => described[i] = await store.HeadAsync(productId, listed[i].Filename, ct));
        return described.OfType<StoredImage>().ToArray(); // one deleted since the listing is gone
    }

    public Task<StoredImage?> FindAsync(int productId, string filename, CancellationToken cancellationToken) => store.HeadAsync(productId, filename, cancellationToken);
    public async Task UploadAsync(int productId, string filename, Stream content, string contentType, string? sha256, CancellationToken cancellationToken)
    {
        await WriteAsync(productId, store.PutAsync(productId, filename, content, contentType, sha256, cancellationToken), cancellationToken);
        if (variants is not null)
            await variants.OriginalStoredAsync(productId, filename);
    }

    public async Task AdoptStagedAsync(string uploadId, int productId, string filename, string contentType, string sha256, CancellationToken cancellationToken)
    {
        await WriteAsync(productId, store.CopyAsync(Uploads.S3UploadStaging.KeyOf(uploadId), productId, filename, contentType, sha256, cancellationToken), cancellationToken);
        if (variants is not null)
            await variants.OriginalStoredAsync(productId, filename);
    }

    public async Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken)
    {
        await WriteAsync(productId, store.DeleteAsync(productId, filename, cancellationToken), cancellationToken);
        if (variants is not null)
            await variants.OriginalDeletedAsync(productId, filename, cancellationToken);
    }

    public async Task DeleteAllAsync(int productId, CancellationToken cancellationToken)
    {
        await WriteAsync(productId, store.DeleteAllAsync(productId, cancellationToken), cancellationToken);
        if (variants is not null)
            await variants.ProductDeletedAsync(productId, cancellationToken);
    }

    /// <summary>Signs the product's set again and sets it everywhere, as after a write: its variants changed.</summary>
    public Task RefreshAsync(int productId, CancellationToken cancellationToken) => WriteAsync(productId, Task.CompletedTask, cancellationToken, background: true);

    private Task<CurrentVariants> CurrentVariantsAsync(int productId, IReadOnlyList<StoredImage> objects, CancellationToken cancellationToken) =>
        variants?.CurrentAsync(productId, objects, listed: null, cancellationToken) ?? Task.FromResult(CurrentVariants.None);

    public async ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken)
    {
        await guard.RecordWriteAsync(productId);
        await cache.RemoveAsync(Key(productId), cancellationToken);
        return RedisIsReachable; // when not, FusionCache tells the others once it is back: later than asked
    }

    public async ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken)
    {
        await cache.RemoveByTagAsync(Tag, cancellationToken);
        return RedisIsReachable;
    }

    /// <summary>The set the cache holds for the product, if any; never lists.</summary>
    public ValueTask<ImageSet?> PeekAsync(int productId, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(Key(productId), static _ => ValueTask.FromResult<ImageSet?>(null), Peek, Tags, cancellationToken);

    /// <summary>
    /// Sets <paramref name="set"/> everywhere unless a write to its product came after its listing began; checked again
    /// once set (a write may land in between), and taken back if one did. A later write sets its own.
    /// </summary>
    public async Task SetUnlessStaleAsync(ImageSet set, CancellationToken cancellationToken)
    {
        if (await guard.IsStaleAsync(set))
            return;
        await cache.SetAsync(Key(set.ProductId), set, options: null, Tags, cancellationToken);
        if (await guard.IsStaleAsync(set))
            await cache.RemoveAsync(Key(set.ProductId), cancellationToken);
    }

    private bool RedisIsReachable => redis.Multiplexer?.IsConnected ?? true;

    private async ValueTask<ImageSet> GetSetAsync(int productId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var listed = new StrongBox<ImageSet?>(); // what this read listed, if the cache asked it to: only that set is checked against later writes
            ImageSet set;
            try
            {
                set = await cache.GetOrCreateAsync(Key(productId), (self: this, productId, listed), static (load, ct) => load.self.ListAsync(load.productId, load.listed, ct), options: null, Tags, cancellationToken);
            }
            catch (Exception exception) when (exception is DependencyUnavailableException or SyntheticTimeoutException
                // FusionCache cancels a listing past the read timeout; one that stops at once surfaces as its own cancellation.
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // No set anywhere and S3 cannot be read in time: no images, in this process, for a short while.
                logger.LogWarning(exception, "Images of product {ProductId} could not be listed; answering without images for {RetryAfter}", productId, _options.FailureCacheDuration);
                var standIn = ImageSet.StandIn(productId, clock.GetUtcNow() + _options.FailureCacheDuration);
                await cache.SetAsync(Key(productId), standIn, _standIn, Tags, cancellationToken);
                return standIn;
            }

            metrics.CacheLookup(hit: listed.Value is null);
            // Stored by the cache after the listing: a write may have landed in between, and must win.
            if (!ReferenceEquals(set, listed.Value) || attempt == ListingAttempts || !await guard.IsStaleAsync(set))
                return set;
            await cache.RemoveAsync(Key(productId), cancellationToken);
        }
    }

    /// <summary>Lists and signs a product for a read that found no set; lists again while writes land during the listing.</summary>
    private async ValueTask<ImageSet> ListAsync(int productId, StrongBox<ImageSet?> listed, CancellationToken cancellationToken)
    {
        var version = await guard.ReadVersionAsync(productId) ?? 0;
        for (var attempt = 1; ; attempt++)
        {
            var objects = await store.ListProductAsync(productId, background: false, cancellationToken);
            var current = await CurrentVariantsAsync(productId, objects, cancellationToken);
            var after = await guard.ReadVersionAsync(productId) ?? version;
            if (after == version || attempt == ListingAttempts)
                return listed.Value = ImageSet.Sign(store, productId, objects, version, _options, clock.GetUtcNow(), current);
            version = after;
        }
    }

    /// <summary>
    /// The write to S3, then: records it (no older listing is kept from now on), lists and signs the product, and sets the
    /// new set everywhere. The write is done even when listing fails: then the set is removed, and the next read lists.
    /// </summary>
    private async Task WriteAsync(int productId, Task write, CancellationToken cancellationToken, bool background = false)
    {
        await write;
        var version = await guard.RecordWriteAsync(productId) ?? 0;
        try
        {
            var objects = await store.ListProductAsync(productId, background, cancellationToken);
            var current = await CurrentVariantsAsync(productId, objects, cancellationToken);
            await SetUnlessStaleAsync(ImageSet.Sign(store, productId, objects, version, _options, clock.GetUtcNow(), current), cancellationToken);
        }
        catch (DependencyUnavailableException exception)
        {
            logger.LogWarning(exception, "Product {ProductId}'s images changed but could not be listed again; the next read lists them", productId);
            await cache.RemoveAsync(Key(productId), cancellationToken);
        }
    }
}
