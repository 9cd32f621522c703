using System.ComponentModel.DataAnnotations;

namespace CleanShop.Application.Products;

/// <summary>
/// Single products as read by GET /api/products/{id}, kept between requests and shared by every process, so
/// that the hot read path does not ask PostgreSQL each time. Every write to a product invalidates its entry
/// here and in every other process (the same channel as the image cache). A missing product is cached too,
/// as null, and invalidated when a product with that id is created.
/// </summary>
public interface IProductCache
{
    ValueTask<ProductSnapshot?> GetOrLoadAsync(
        int productId, Func<CancellationToken, ValueTask<ProductSnapshot?>> load, CancellationToken cancellationToken);

    ValueTask InvalidateAsync(int productId, CancellationToken cancellationToken);
}
