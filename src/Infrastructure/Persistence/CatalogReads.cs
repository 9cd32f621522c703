using System.ComponentModel;
using System.Globalization;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using CleanShop.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace CleanShop.Infrastructure.Persistence;

/// <summary>
/// The catalog's reads, in HybridCache (memory, then Redis). Each load runs with a context of its own, back in the pool
/// when the load ends: the cache shares one load among the requests that want the same entry at once, so the load may
/// outlive the request that started it (a client hanging up must not take the others' context away).
/// <see cref="ProductCacheInvalidator"/> drops what is saved, by the keys and tag below.
/// </summary>
internal sealed class CatalogReads(IDbContextFactory<CatalogDbContext> contexts, HybridCache cache) : ICatalogReads
{
    public const string ProductTag = "products";
    public const string ListTag = "product-lists";
    private static readonly string[] ProductTags = [ProductTag];
    private static readonly string[] ListTags = [ListTag];
    private static readonly HybridCacheEntryOptions CachedOnly = new() { Flags = HybridCacheEntryFlags.DisableUnderlyingData };

    /// <summary>A list page looks up each of its products on every request: the keys of the first ids are made once.</summary>
    private static readonly string?[] ProductKeys = new string?[4096];

    public static string ProductKey(int productId) =>
        (uint)productId < (uint)ProductKeys.Length
            ? ProductKeys[productId] ??= $"product:{productId.ToString(CultureInfo.InvariantCulture)}"
            : $"product:{productId.ToString(CultureInfo.InvariantCulture)}";

    public ValueTask<ProductSnapshot?> GetProductAsync(int productId, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(ProductKey(productId), (contexts, productId), static async (state, ct) =>
        {
            await using var db = await state.contexts.CreateDbContextAsync(ct);
            var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == state.productId, ct);
            return product is null ? null : ProductSnapshot.From(product);
        }, options: null, ProductTags, cancellationToken);

    public async ValueTask<IReadOnlyList<int>> GetIdsAsync(ProductListFilter filter, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync($"product-ids:{filter.Key}", (contexts, filter), static async (state, ct) =>
        {
            await using var db = await state.contexts.CreateDbContextAsync(ct);
            var products = db.Products.AsNoTracking();
            if (state.filter.Category is { } category)
                products = products.Where(p => p.Category == category);
            if (state.filter.IsFeatured is { } isFeatured)
                products = products.Where(p => p.IsFeatured == isFeatured);
            if (state.filter.IsAvailable is { } isAvailable)
                products = products.Where(p => p.IsAvailable == isAvailable);
            return new ProductIdList(await products.OrderBy(p => p.Id).Select(p => p.Id).ToArrayAsync(ct));
        }, options: null, ListTags, cancellationToken)).Ids;

    public async ValueTask<IReadOnlyList<ProductSnapshot>> GetProductsAsync(IReadOnlyList<int> productIds, CancellationToken cancellationToken)
    {
        var found = new ProductSnapshot?[productIds.Count];
        List<int>? missing = null;
        for (var i = 0; i < productIds.Count; i++)
        {
            found[i] = await cache.GetOrCreateAsync(ProductKey(productIds[i]), static _ => ValueTask.FromResult<ProductSnapshot?>(null), CachedOnly, ProductTags, cancellationToken);
            if (found[i] is null)
                (missing ??= []).Add(productIds[i]);
        }

        if (missing is not null)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var loaded = await db.Products.AsNoTracking().Where(p => missing.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            for (var i = 0; i < found.Length; i++)
            {
                if (found[i] is null && loaded.TryGetValue(productIds[i], out var product))
                    await cache.SetAsync(ProductKey(product.Id), found[i] = ProductSnapshot.From(product), options: null, ProductTags, cancellationToken);
            }
        }

        return found.OfType<ProductSnapshot>().ToArray(); // deleted meanwhile: left out
    }

    /// <summary>The ids a filter matches, marked immutable so that a cache that copies mutable values hands out the one instance it keeps.</summary>
    [ImmutableObject(true)]
    internal sealed record ProductIdList(int[] Ids);
}
