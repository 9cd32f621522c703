using System.Runtime.CompilerServices;
using CleanShop.Application.Images;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Caching;

/// <summary>
/// Image sets in HybridCache: in memory first, then Redis, shared by every API and CLI process.
/// HybridCache runs one factory per key however many callers wait (stampede protection); the
/// invalidation bus carries removals to the other processes' memory.
/// </summary>
internal sealed class HybridImageCache(
    HybridCache cache,
    CacheInvalidationBus bus,
    IOptions<ImageCacheOptions> options,
    CatalogMetrics metrics) : IImageCache
{
    private static readonly string[] Tags = [ImageCacheKeys.Tag];

    // An entry may live as long as its URLs do: past its refresh point it is the fallback while S3 is down.
    private readonly HybridCacheEntryOptions _entryOptions = new()
    {
        Expiration = options.Value.UrlLifetime,
        LocalCacheExpiration = options.Value.UrlLifetime,
    };

    // A reload key only has to outlive the burst of callers that found the same stale set.
    private readonly HybridCacheEntryOptions _reloadOptions = new()
    {
        Expiration = TimeSpan.FromMinutes(1),
        LocalCacheExpiration = TimeSpan.FromMinutes(1),
    };

    public async ValueTask<CachedImageSet> GetOrLoadAsync(
        int productId, Func<CancellationToken, ValueTask<CachedImageSet>> load, CancellationToken cancellationToken)
    {
        var loaded = new StrongBox<bool>();
        var set = await cache.GetOrCreateAsync(
            ImageCacheKeys.ForProduct(productId),
            (load, loaded),
            static async (state, ct) =>
            {
                state.loaded.Value = true;
                return await state.load(ct);
            },
            _entryOptions, Tags, cancellationToken);
        metrics.CacheLookup(hit: !loaded.Value);
        return set;
    }

    public async ValueTask<CachedImageSet> ReloadAsync(
        int productId, CachedImageSet stale, Func<CancellationToken, ValueTask<CachedImageSet>> load, CancellationToken cancellationToken)
    {
        // Everyone holding the same stale set asks for the same reload key, so HybridCache runs one load for all of them.
        var reloadKey = $"{ImageCacheKeys.ForProduct(productId)}:reload:{stale.RefreshAt.UtcTicks}";
        return await cache.GetOrCreateAsync(
            reloadKey,
            (cache, entryOptions: _entryOptions, productId, load),
            static async (state, ct) =>
            {
                var fresh = await state.load(ct);
                await state.cache.SetAsync(ImageCacheKeys.ForProduct(state.productId), fresh, state.entryOptions, Tags, ct);
                return fresh;
            },
            _reloadOptions, Tags, cancellationToken);
    }

    public async ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken)
    {
        var key = ImageCacheKeys.ForProduct(productId);
        return await bus.InvalidateAsync(key, c => cache.RemoveAsync(key, c), cancellationToken);
    }

    public async ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken) =>
        await bus.InvalidateAsync(CacheInvalidationBus.All, c => cache.RemoveByTagAsync(ImageCacheKeys.Tag, c), cancellationToken);
}

internal static class ImageCacheKeys
{
    /// <summary>Every image entry carries this tag, so that "invalidate all" is one tag removal.</summary>
    public const string Tag = "product-images";

    public static string ForProduct(int productId) => $"product-images:{productId}";
}
