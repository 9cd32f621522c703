using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace CleanShop.Infrastructure.Persistence;

/// <summary>
/// The catalog's reads, in HybridCache (memory, then Redis): each product under <c>product:{id}</c>, each list whole
/// under <c>product-list:{filter}</c> (a save drops every list anyway, so keeping its products costs no coherence). Each load runs with a context of its own, back in the pool
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

    public async ValueTask<IReadOnlyList<ProductSnapshot>> GetListAsync(ProductListFilter filter, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(ListKeys.GetOrAdd(filter, static f => $"product-list:{f.Key}"), (contexts, filter), static async (state, ct) =>
        {
            await using var db = await state.contexts.CreateDbContextAsync(ct);
            var products = db.Products.AsNoTracking();
            if (state.filter.Category is { } category)
                products = products.Where(p => p.Category == category);
            if (state.filter.IsFeatured is { } isFeatured)
                products = products.Where(p => p.IsFeatured == isFeatured);
            if (state.filter.IsAvailable is { } isAvailable)
                products = products.Where(p => p.IsAvailable == isAvailable);
            return new ProductList((await products.OrderBy(p => p.Id).ToListAsync(ct)).ConvertAll(ProductSnapshot.From).ToArray());
        }, options: null, ListTags, cancellationToken)).Products;

    /// <summary>One per filter combination (8 categories or none, times 3 states of each flag: at most 72).</summary>
    private static readonly ConcurrentDictionary<ProductListFilter, string> ListKeys = new();

    /// <summary>A list's products, marked immutable so that a cache that copies mutable values hands out the one instance it keeps.</summary>
    [ImmutableObject(true)]
    internal sealed record ProductList(ProductSnapshot[] Products);
}
