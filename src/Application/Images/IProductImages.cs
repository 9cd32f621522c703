using CleanShop.Domain.Products;

namespace CleanShop.Application.Images;

/// <summary>A product's images as clients get them: presigned, cached, refreshed before their URLs expire.</summary>
public interface IProductImages
{
    ValueTask<IReadOnlyList<ProductImage>> GetAsync(int productId, CancellationToken cancellationToken);

    ValueTask InvalidateAsync(int productId, CancellationToken cancellationToken);

    ValueTask InvalidateAllAsync(CancellationToken cancellationToken);
}
