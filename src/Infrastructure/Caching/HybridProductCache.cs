using CleanShop.Application.Products;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CleanShop.Infrastructure.Caching;

/// <summary>Products in HybridCache (memory, then Redis); removals travel to every process on the invalidation bus.</summary>
internal sealed class HybridProductCache(
    HybridCache cache,
    CacheInvalidationBus bus,
    IOptions<ProductCacheOptions> options,
    ILogger<HybridProductCache> logger) : IProductCache
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
        try
        {
            await cache.RemoveAsync(Key(productId), cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Could not remove product {ProductId} from Redis", productId);
        }

        await bus.PublishAsync(Key(productId), cancellationToken);
    }

    private static string Key(int productId) => $"product:{productId}";
}
