using CleanShop.Application.Common.Interfaces;

namespace CleanShop.Application.Products;

/// <summary>
/// The catalog as reads see it, kept between requests and shared by every process, so that the hot read paths (one
/// product, a list page) do not ask PostgreSQL each time: single products by id (a missing one is kept too, as null),
/// and, for each filter combination, the ids of the products it matches in page order. Handlers never invalidate
/// anything: every product saved through the catalog's DbContext is dropped here, with every list, in every process
/// (Infrastructure does it as the changes are saved).
/// </summary>
/// <remarks>
/// Each load is handed the catalog context it must use, its own, never the request's: one load serves every request
/// that wants the same entry at that moment, so it may outlive the request that started it (a client that hangs up),
/// and that request's context goes back to the pool when the request ends. Loads written as static methods cannot
/// reach the handler's services by mistake.
/// </remarks>
public interface IProductCache
{
    ValueTask<ProductSnapshot?> GetOrLoadAsync(
        int productId, Func<ICatalogDbContext, int, CancellationToken, Task<ProductSnapshot?>> load, CancellationToken cancellationToken);

    /// <summary>The products with these ids that exist, in the order asked; the ones not kept are loaded together by <paramref name="loadMissing"/>.</summary>
    ValueTask<IReadOnlyList<ProductSnapshot>> GetOrLoadManyAsync(
        IReadOnlyList<int> productIds,
        Func<ICatalogDbContext, IReadOnlyList<int>, CancellationToken, Task<List<ProductSnapshot>>> loadMissing,
        CancellationToken cancellationToken);

    /// <summary>The ids of the products that match <paramref name="filter"/>, in page order.</summary>
    ValueTask<int[]> GetOrLoadListAsync(
        ProductListFilter filter, Func<ICatalogDbContext, ProductListFilter, CancellationToken, Task<int[]>> load, CancellationToken cancellationToken);
}
