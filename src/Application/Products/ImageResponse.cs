using System.ComponentModel;
using System.Text.Json.Serialization;
using CleanShop.Domain.Products;

namespace CleanShop.Application.Products;

/// <summary>An image as clients read it: url, filename, key, expires_at, and its variants when a read asks for them.</summary>
[ImmutableObject(true)]
public sealed record ImageResponse(string Url, string Filename, string Key, DateTimeOffset ExpiresAt)
{
    /// <summary>The variants asked for (<c>?variants=</c>) that are made, by name; absent unless asked for, so that the JSON stays the Django service's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, ImageVariantResponse>? Variants { get; init; }

    public static ImageResponse From(ProductImage image) => new(image.Url, image.Filename, image.Key, image.ExpiresAt);

    /// <param name="variants">The names asked for; none: the image alone.</param>
    public static ImageResponse From(ProductImage image, IReadOnlySet<string> variants) => variants.Count == 0 ? From(image) : From(image) with
    {
        Variants = image.Variants.Where(v => variants.Contains(v.Name)).ToDictionary(v => v.Name, ImageVariantResponse.From, StringComparer.Ordinal),
    };
}

/// <summary>A variant as clients read it: url, width, height, expires_at.</summary>
[ImmutableObject(true)]
public sealed record ImageVariantResponse(string Url, int Width, int Height, DateTimeOffset ExpiresAt)
{
    public static ImageVariantResponse From(ProductImageVariant variant) => new(variant.Url, variant.Width, variant.Height, variant.ExpiresAt);
}
