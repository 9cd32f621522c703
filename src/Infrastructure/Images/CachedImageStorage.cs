using System.Collections.Concurrent;
using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Infrastructure.Caching;
using CleanShop.Infrastructure.Storage;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Images;

/// <summary>
/// The image cache policy, in one place. Reads answer from the cache: this process's memory, then Redis; the
/// background sweep (<see cref="ImageIndexSweeper"/>) keeps every product's set in step with the bucket and signs it
/// again before its URLs reach the refresh point, so no storefront request waits for S3 in steady state. A read goes to
/// S3 itself only when a product has no entry at all, bounded by the read timeout; while S3 cannot be read it answers
/// with what is still valid, marked degraded. A write through here records itself (so that no older listing can be
/// stored after it), lists and signs the product again, and tells every other process.
/// </summary>
internal sealed class CachedImageStorage : IImageStorage
{
    private const int LoadAttempts = 3;

    private readonly S3ImageBucket _bucket;
    private readonly ImageSetCache _cache;
    private readonly ImageSetSigner _signer;
    private readonly ImageCacheOptions _options;
    private readonly TimeProvider _clock;
    private readonly CatalogMetrics _metrics;
    private readonly ILogger<CachedImageStorage> _logger;

    // Products written while Redis was away: their sets are shared and announced again when it is back.
    private readonly ConcurrentDictionary<int, byte> _unshared = new();

    public CachedImageStorage(
        S3ImageBucket bucket, ImageSetCache cache, ImageSetSigner signer, CacheInvalidationBus bus,
        IOptions<ImageCacheOptions> options, TimeProvider clock, CatalogMetrics metrics, ILogger<CachedImageStorage> logger)
    {
        _bucket = bucket;
        _cache = cache;
        _signer = signer;
        _options = options.Value;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        bus.Reconnected += () => _ = ShareUnsharedAsync();
    }

    public ValueTask<ProductImageSet> GetImagesAsync(int productId, CancellationToken cancellationToken)
    {
        var read = Read(productId, _clock.GetUtcNow(), out var fromMemory, cancellationToken);
        if (fromMemory)
            _metrics.CacheLookup(hit: true);
        return read;
    }

    public async ValueTask<IReadOnlyList<ProductImageSet>> GetImagesAsync(IReadOnlyList<int> productIds, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var sets = new ProductImageSet[productIds.Count];
        var memoryHits = 0;
        List<Task>? misses = null;
        for (var i = 0; i < productIds.Count; i++)
        {
            var read = Read(productIds[i], now, out var fromMemory, cancellationToken);
            if (fromMemory)
                memoryHits++;
            if (read.IsCompletedSuccessfully)
            {
                sets[i] = read.Result;
                continue;
            }

            // Misses go to Redis together: the connection pipelines them into one round trip.
            var index = i;
            (misses ??= []).Add(FillAsync(read, index));
        }

        _metrics.CacheLookups(memoryHits, hit: true);
        if (misses is not null)
            await Task.WhenAll(misses);
        return sets;

        async Task FillAsync(ValueTask<ProductImageSet> read, int index) => sets[index] = await read;
    }

    /// <summary>The set from this process's memory when it holds a usable copy (<paramref name="fromMemory"/>), else from the shared level or a load.</summary>
    private ValueTask<ProductImageSet> Read(int productId, DateTimeOffset now, out bool fromMemory, CancellationToken cancellationToken)
    {
        fromMemory = false;
        if (!_cache.TryGetLocal(productId, out var local, out var suspect))
            return GetSharedOrLoadAsync(productId, suspect: null, now, cancellationToken);
        if (suspect || (local.Degraded && now >= local.RefreshAt))
        {
            // A suspect copy is checked against the shared level; a stand-in whose time is up is no entry at all.
            return GetSharedOrLoadAsync(productId, local.Degraded ? null : local, now, cancellationToken);
        }

        fromMemory = true;
        return ValueTask.FromResult(local.Serve(now));
    }

    public Task<IReadOnlyList<StoredImage>> ListStoredAsync(int productId, CancellationToken cancellationToken) =>
        DescribeAsync(productId, cancellationToken);

    public Task<StoredImage?> FindAsync(int productId, string filename, CancellationToken cancellationToken) =>
        _bucket.HeadAsync(productId, filename, cancellationToken);

    public async Task UploadAsync(int productId, string filename, Stream content, string contentType, CancellationToken cancellationToken)
    {
        await _bucket.PutAsync(productId, filename, content, contentType, cancellationToken);
        await AfterWriteAsync(productId, cancellationToken);
    }

    public async Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken)
    {
        await _bucket.DeleteAsync(productId, filename, cancellationToken);
        await AfterWriteAsync(productId, cancellationToken);
    }

    public async Task DeleteAllAsync(int productId, CancellationToken cancellationToken)
    {
        await _bucket.DeleteAllAsync(productId, cancellationToken);
        await AfterWriteAsync(productId, cancellationToken);
    }

    public async ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken)
    {
        var recorded = await _cache.RecordWriteAsync(productId) is not null || !_cache.HasSharedLevel;
        await _cache.RemoveAsync(productId, cancellationToken);
        return await _cache.PublishAsync(productId, cancellationToken) && recorded;
    }

    public async ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken) =>
        await _cache.RemoveAllAsync(cancellationToken);

    /// <summary>No usable copy in memory (or a suspect one): the shared entry, else a load from S3, else a degraded answer.</summary>
    private async ValueTask<ProductImageSet> GetSharedOrLoadAsync(int productId, CachedImageSet? suspect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (suspect is not null)
        {
            // Re-validated against the shared level, never against S3: if Redis lost it, our copy is still the best there is.
            var current = await _cache.GetSharedAsync(productId, cancellationToken) ?? suspect;
            _cache.SetLocal(current);
            _metrics.CacheLookup(hit: true);
            return current.Serve(now);
        }

        for (var attempt = 1; ; attempt++)
        {
            var loaded = false;
            CachedImageSet set;
            try
            {
                set = await _cache.GetOrLoadSharedAsync(productId, async ct =>
                {
                    loaded = true;
                    return await LoadAsync(productId, ct);
                }, cancellationToken);
            }
            catch (DependencyUnavailableException exception)
            {
                // No entry anywhere and S3 cannot be read: no images, in this process, for a short while.
                _logger.LogWarning(exception, "Images of product {ProductId} could not be listed; answering without images for {RetryAfter}",
                    productId, _options.FailureCacheDuration);
                var standIn = CachedImageSet.StandIn(productId, now + _options.FailureCacheDuration);
                _cache.SetLocal(standIn);
                return standIn.Serve(now);
            }
            catch (StaleListingException) when (attempt < LoadAttempts)
            {
                continue;
            }

            _metrics.CacheLookup(hit: !loaded);
            // Stored by HybridCache after the load: a write may have landed in between.
            if (loaded && attempt < LoadAttempts && await _cache.ReadVersionAsync(productId) > set.Version)
            {
                await _cache.RemoveAsync(productId, cancellationToken);
                continue;
            }

            _cache.SetLocal(set);
            return set.Serve(now);
        }
    }

    /// <summary>Lists and signs the product for a read that found no entry; refused when a write landed meanwhile.</summary>
    private async ValueTask<CachedImageSet> LoadAsync(int productId, CancellationToken cancellationToken)
    {
        var version = await _cache.ReadVersionAsync(productId);
        var objects = await _bucket.ListProductAsync(productId, S3Caller.RequestRead, cancellationToken);
        var set = _signer.Sign(productId, objects, version ?? 0);
        if (await _cache.ReadVersionAsync(productId) > set.Version)
            throw new StaleListingException();
        return set;
    }

    /// <summary>
    /// After a write has reached S3: records it (an older listing can no longer be stored), lists and signs the product
    /// again, stores the new set and tells every process. The write is done even when this fails: then the set is
    /// dropped, and the next read or sweep lists it.
    /// </summary>
    private async Task AfterWriteAsync(int productId, CancellationToken cancellationToken)
    {
        var version = await _cache.RecordWriteAsync(productId);
        var stored = false;
        try
        {
            var objects = await _bucket.ListProductAsync(productId, S3Caller.Request, cancellationToken);
            stored = await _cache.StoreAsync(_signer.Sign(productId, objects, version ?? 0), cancellationToken);
        }
        catch (DependencyUnavailableException exception)
        {
            _logger.LogWarning(exception, "Product {ProductId}'s images changed but could not be listed again; the next read lists them", productId);
        }

        if (!stored)
            await _cache.RemoveAsync(productId, cancellationToken);
        if ((version is null && _cache.HasSharedLevel) | !await _cache.PublishAsync(productId, cancellationToken))
            _unshared.TryAdd(productId, 0);
    }

    /// <summary>Redis is back: what was written meanwhile is recorded, shared and announced now.</summary>
    private async Task ShareUnsharedAsync()
    {
        foreach (var productId in _unshared.Keys)
        {
            if (!_unshared.TryRemove(productId, out _))
                continue;
            try
            {
                await AfterWriteAsync(productId, CancellationToken.None);
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Could not share the images of product {ProductId} after Redis came back", productId);
            }
        }
    }

    /// <summary>A listing carries no content type: each object's own metadata does. A few lookups at once keep a long list quick.</summary>
    private async Task<IReadOnlyList<StoredImage>> DescribeAsync(int productId, CancellationToken cancellationToken)
    {
        var listed = await _bucket.ListProductAsync(productId, S3Caller.Request, cancellationToken);
        var described = new StoredImage?[listed.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, listed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => described[i] = await _bucket.HeadAsync(productId, listed[i].Filename, ct));
        return described.OfType<StoredImage>().ToArray(); // one deleted since the listing is gone
    }

    /// <summary>A listing that began before a write to its product: it must not be kept.</summary>
    private sealed class StaleListingException : Exception;
}
