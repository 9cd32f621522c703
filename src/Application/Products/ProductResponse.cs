using System.ComponentModel;
using System.Runtime.CompilerServices;
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
    /// <summary>Weak on the image set: a response lives as long as the cached set it was built from.</summary>
    private static readonly ConditionalWeakTable<ProductImageSet, BuiltFrom> Built = new();

    /// <summary>The images could not be read or refreshed in time (the API says so in a header; the JSON stays as the storefront expects it).</summary>
    [JsonIgnore]
    public bool ImagesDegraded { get; init; }

    public static ProductResponse From(Product product, ProductImageSet images) =>
        From(ProductSnapshot.From(product), images);

    /// <summary>
    /// The same instance for the same product snapshot and image set. The caches hand both out as one instance on every
    /// hit, so a cached read builds nothing, and the API can write again the bytes it serialized for this response.
    /// </summary>
    public static ProductResponse From(ProductSnapshot product, ProductImageSet images)
    {
        if (Built.TryGetValue(images, out var built) && ReferenceEquals(built.Product, product))
            return built.Response;
        var response = From(product, images.Images) with { ImagesDegraded = images.Degraded };
        Built.AddOrUpdate(images, new BuiltFrom(product, response));
        return response;
    }

    /// <summary>With the variants asked for (<c>?variants=</c>): built for this read alone, as such reads are few.</summary>
    public static ProductResponse From(ProductSnapshot product, ProductImageSet images, IReadOnlySet<string> variants) =>
        variants.Count == 0 ? From(product, images) : From(product, images.Images, variants) with { ImagesDegraded = images.Degraded };

    private sealed record BuiltFrom(ProductSnapshot Product, ProductResponse Response);

    public static ProductResponse From(ProductSnapshot product, IReadOnlyList<ProductImage> images, IReadOnlySet<string>? variants = null)
    {
        var imageResponses = new ImageResponse[images.Count];
        for (var i = 0; i < images.Count; i++)
            imageResponses[i] = variants is null ? ImageResponse.From(images[i]) : ImageResponse.From(images[i], variants);
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
