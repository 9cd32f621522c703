using CleanShop.Application.Products;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Caching;

/// <summary>Products in HybridCache (memory, then Redis); removals travel to every process on the invalidation bus.</summary>
internal sealed class HybridProductCache(
    HybridCache cache,
    CacheInvalidationBus bus,
    IOptions<ProductCacheOptions> options) : IProductCache
{
    private readonly HybridCacheEntryOptions _entryOptions = new()
    {
        Expiration = options.Value.Duration,
        LocalCacheExpiration = options.Value.Duration,
    };

    public ValueTask<ProductSnapshot?> GetOrLoadAsync(
        int productId, Func<CancellationToken, ValueTask<ProductSnapshot?>> load, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(Key(productId), load, static (load, ct) => load(ct), _entryOptions, cancellationToken: cancellationToken);

    public async ValueTask InvalidateAsync(int productId, CancellationToken cancellationToken)
    {
        var key = Key(productId);
        await bus.InvalidateAsync(key, c => cache.RemoveAsync(key, c), cancellationToken);
    }

    private static string Key(int productId) => $"product:{productId}";
}
