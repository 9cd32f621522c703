using CleanShop.Domain.Products;

namespace CleanShop.Application.Images;

/// <summary>A product's images as clients get them: presigned, cached, refreshed before their URLs expire.</summary>
public interface IProductImages
{
    ValueTask<IReadOnlyList<ProductImage>> GetAsync(int productId, CancellationToken cancellationToken);

    /// <summary>False when other processes could not be told; this one has forgotten the set either way.</summary>
    ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken);

    /// <summary>False when other processes could not be told; this one has forgotten every set either way.</summary>
    ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken);
}
