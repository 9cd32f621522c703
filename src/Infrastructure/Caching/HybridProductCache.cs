using System.Globalization;
using CleanShop.Application.Products;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Caching;

/// <summary>Products in HybridCache (memory, then Redis); removals travel to every process on the invalidation bus.</summary>
internal sealed class HybridProductCache : IProductCache
{
    private const string Topic = "product";
    private readonly HybridCache _cache;
    private readonly CacheInvalidationBus _bus;
    private readonly HybridCacheEntryOptions _entryOptions;

    public HybridProductCache(HybridCache cache, CacheInvalidationBus bus, IOptions<ProductCacheOptions> options)
    {
        _cache = cache;
        _bus = bus;
        _entryOptions = new HybridCacheEntryOptions { Expiration = options.Value.Duration, LocalCacheExpiration = options.Value.Duration };
        bus.Subscribe(Topic, item => cache.RemoveAsync(Key(item)));
    }

    public ValueTask<ProductSnapshot?> GetOrLoadAsync(
        int productId, Func<CancellationToken, ValueTask<ProductSnapshot?>> load, CancellationToken cancellationToken) =>
        _cache.GetOrCreateAsync(Key(productId), load, static (load, ct) => load(ct), _entryOptions, cancellationToken: cancellationToken);

    public async ValueTask InvalidateAsync(int productId, CancellationToken cancellationToken)
    {
        var key = Key(productId);
        await _bus.InvalidateAsync(Topic, Id(productId), c => _cache.RemoveAsync(key, c), cancellationToken);
    }

    private static string Id(int productId) => productId.ToString(CultureInfo.InvariantCulture);

    private static string Key(int productId) => Key(Id(productId));

    private static string Key(string id) => $"{Topic}:{id}";
}
