using System.ComponentModel;
using System.Text.Json.Serialization;
using CleanShop.Application.Common.Interfaces;
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
    /// <summary>The images could not be read or refreshed in time (the API says so in a header; the JSON stays as the storefront expects it).</summary>
    [JsonIgnore]
    public bool ImagesDegraded { get; init; }

    public static ProductResponse From(Product product, ProductImageSet images) =>
        From(ProductSnapshot.From(product), images);

    public static ProductResponse From(ProductSnapshot product, ProductImageSet images) =>
        From(product, images.Images) with { ImagesDegraded = images.Degraded };

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
