using CleanShop.Application.Products;

namespace CleanShop.Application.Common.Interfaces;

/// <summary>
/// The catalog as reads see it: products by id, and for each list filter the products it matches, kept between
/// requests and shared by every instance, so that the hot paths do not ask PostgreSQL each time. A query handler reads through here; a
/// write goes through <see cref="ICatalogDbContext"/>, and everything it saves is dropped from these caches in every
/// instance (bulk updates and deletes too), so no handler invalidates anything.
/// </summary>
public interface ICatalogReads
{
    /// <summary>The product, or null when there is none (a missing product is kept too).</summary>
    ValueTask<ProductSnapshot?> GetProductAsync(int productId, CancellationToken cancellationToken);

    /// <summary>The products that match <paramref name="filter"/>, in page order (by id): kept whole, so a page is one lookup.</summary>
    ValueTask<IReadOnlyList<ProductSnapshot>> GetListAsync(ProductListFilter filter, CancellationToken cancellationToken);
}
