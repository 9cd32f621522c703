using System.ComponentModel;
using CleanShop.Domain.Products;

namespace CleanShop.Application.Products;

/// <summary>
/// A product as clients read it. Property order is the wire order the storefront expects:
/// id, name, description, price, category, images, primary_image, is_featured, is_available, created_at, updated_at.
/// </summary>
[ImmutableObject(true)]
public sealed record ProductResponse(
    int Id,
    string Name,
    string Description,
    decimal Price,
    string Category,
    IReadOnlyList<ImageResponse> Images,
    ImageResponse? PrimaryImage,
    bool IsFeatured,
    bool IsAvailable,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProductResponse From(Product product, IReadOnlyList<ProductImage> images) =>
        From(ProductSnapshot.From(product), images);

    public static ProductResponse From(ProductSnapshot product, IReadOnlyList<ProductImage> images)
    {
        var imageResponses = new ImageResponse[images.Count];
        for (var i = 0; i < images.Count; i++)
            imageResponses[i] = ImageResponse.From(images[i]);
        return new ProductResponse(
            product.Id,
            product.Name,
            product.Description,
            product.Price,
            CategoryNames.ToName(product.Category),
            imageResponses,
            imageResponses.Length > 0 ? imageResponses[0] : null,
            product.IsFeatured,
            product.IsAvailable,
            product.CreatedAt,
            product.UpdatedAt);
    }
}
