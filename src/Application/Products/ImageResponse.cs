using System.ComponentModel;
using CleanShop.Domain.Products;

namespace CleanShop.Application.Products;

/// <summary>An image as clients read it: url, filename, key, expires_at.</summary>
[ImmutableObject(true)]
public sealed record ImageResponse(string Url, string Filename, string Key, DateTimeOffset ExpiresAt)
{
    public static ImageResponse From(ProductImage image) => new(image.Url, image.Filename, image.Key, image.ExpiresAt);
}
