using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using CleanShop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Caching;

/// <summary>
/// Products and list ids in HybridCache (memory, then Redis). <see cref="InvalidateAsync"/> is called for every
/// product saved (<see cref="Persistence.ProductCacheInvalidator"/>), and travels to every process on the bus.
/// </summary>
internal sealed class HybridProductCache : IProductCache
{
    private const string Topic = "product";
    private const string Lists = "lists";
    private static readonly string[] ProductTags = ["products"];
    private static readonly string[] ListTags = ["product-lists"];

    private readonly HybridCache _cache;
    private readonly Lazy<IDbContextFactory<CatalogDbContext>> _contexts;
    private readonly CacheInvalidationBus _bus;
    private readonly HybridCacheEntryOptions _entryOptions;
    private readonly HybridCacheEntryOptions _cachedOnly;

    public HybridProductCache(HybridCache cache, IServiceProvider services, CacheInvalidationBus bus, IOptions<ProductCacheOptions> options)
    {
        _cache = cache;
        // Taken on the first load, not here: the factory's options name the invalidator, which names this cache.
        _contexts = new(services.GetRequiredService<IDbContextFactory<CatalogDbContext>>);
        _bus = bus;
        _entryOptions = new HybridCacheEntryOptions { Expiration = options.Value.Duration, LocalCacheExpiration = options.Value.Duration };
        _cachedOnly = new HybridCacheEntryOptions
        {
            Expiration = options.Value.Duration,
            LocalCacheExpiration = options.Value.Duration,
            Flags = HybridCacheEntryFlags.DisableUnderlyingData,
        };
        bus.Subscribe(Topic, item => item == Lists ? cache.RemoveByTagAsync(ListTags[0]) : cache.RemoveAsync(Key(item)));
        // Messages may have been lost while this process was disconnected: forget every product and list it kept.
        bus.Reconnected += () => _ = Task.WhenAll(cache.RemoveByTagAsync(ProductTags[0]).AsTask(), cache.RemoveByTagAsync(ListTags[0]).AsTask());
    }

    public ValueTask<ProductSnapshot?> GetOrLoadAsync(
        int productId, Func<ICatalogDbContext, int, CancellationToken, Task<ProductSnapshot?>> load, CancellationToken cancellationToken) =>
        _cache.GetOrLoadInCallerTraceAsync(Key(productId), (self: this, load, productId),
            static (state, ct) => new ValueTask<ProductSnapshot?>(state.self.WithOwnContextAsync(state.load, state.productId, ct)),
            _entryOptions, ProductTags, cancellationToken);

    public async ValueTask<IReadOnlyList<ProductSnapshot>> GetOrLoadManyAsync(
        IReadOnlyList<int> productIds,
        Func<ICatalogDbContext, IReadOnlyList<int>, CancellationToken, Task<List<ProductSnapshot>>> loadMissing,
        CancellationToken cancellationToken)
    {
        var found = new ProductSnapshot?[productIds.Count];
        List<int>? missing = null;
        for (var i = 0; i < productIds.Count; i++)
        {
            // From memory or Redis only; what neither holds is loaded below, in one query for all of them.
            found[i] = await _cache.GetOrCreateAsync<ProductSnapshot?>(
                Key(productIds[i]), static _ => ValueTask.FromResult<ProductSnapshot?>(null), _cachedOnly, ProductTags, cancellationToken);
            if (found[i] is null)
                (missing ??= []).Add(productIds[i]);
        }

        if (missing is not null)
        {
            var loaded = (await WithOwnContextAsync(loadMissing, missing, cancellationToken)).ToDictionary(p => p.Id);
            for (var i = 0; i < found.Length; i++)
            {
                if (found[i] is null && loaded.TryGetValue(productIds[i], out var product))
                {
                    found[i] = product;
                    await _cache.SetAsync(Key(product.Id), product, _entryOptions, ProductTags, cancellationToken);
                }
            }
        }

        return found.OfType<ProductSnapshot>().ToArray(); // deleted meanwhile: left out
    }

    public async ValueTask<int[]> GetOrLoadListAsync(
        ProductListFilter filter, Func<ICatalogDbContext, ProductListFilter, CancellationToken, Task<int[]>> load, CancellationToken cancellationToken)
    {
        var list = await _cache.GetOrLoadInCallerTraceAsync(
            ListKeys.GetOrAdd(filter, static filter => $"product-ids:{filter.Key}"), (self: this, load, filter),
            static async (state, ct) => new ProductIdList(await state.self.WithOwnContextAsync(state.load, state.filter, ct)),
            _entryOptions, ListTags, cancellationToken);
        return list.Ids;
    }

    /// <summary>
    /// Runs a load with a context of its own, back in the pool when the load ends. HybridCache shares one load among the
    /// requests that want the same entry at once, so the load may outlive the request that started it: with that request's
    /// context, a client hanging up sent the context back to the pool mid-query, and the other requests failed with a 500.
    /// </summary>
    private async Task<T> WithOwnContextAsync<TArgument, T>(
        Func<ICatalogDbContext, TArgument, CancellationToken, Task<T>> load, TArgument argument, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.Value.CreateDbContextAsync(cancellationToken);
        return await load(db, argument, cancellationToken);
    }

    /// <summary>Drops these products and every list, here, in Redis and in every other process.</summary>
    public async Task InvalidateAsync(IReadOnlyCollection<int> productIds, CancellationToken cancellationToken)
    {
        foreach (var productId in productIds)
        {
            var key = Key(productId);
            await _bus.InvalidateAsync(Topic, Id(productId), c => _cache.RemoveAsync(key, c), cancellationToken);
        }

        await _bus.InvalidateAsync(Topic, Lists, c => _cache.RemoveByTagAsync(ListTags[0], c), cancellationToken);
    }

    /// <summary>
    /// The ids a filter matches, marked immutable so that HybridCache hands out the one instance it keeps; a bare array
    /// counts as mutable, and each hit would deserialize a copy of it. Readers never write to <see cref="Ids"/>.
    /// </summary>
    [ImmutableObject(true)]
    internal sealed record ProductIdList(int[] Ids);

    private static string Id(int productId) => productId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A list page looks up each of its products on every request: the keys of the first ids are made once.</summary>
    private static readonly string?[] ProductKeys = new string?[4096];

    /// <summary>One per filter combination (a bounded set: categories × featured × available).</summary>
    private static readonly ConcurrentDictionary<ProductListFilter, string> ListKeys = new();

    private static string Key(int productId) =>
        (uint)productId < (uint)ProductKeys.Length ? ProductKeys[productId] ??= Key(Id(productId)) : Key(Id(productId));

    private static string Key(string id) => $"{Topic}:{id}";
}
