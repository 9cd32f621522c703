namespace CleanShop.Domain.Products;

/// <summary>A smaller rendition of a product image (a thumbnail, a size), named, with its size in pixels and a URL that works until <see cref="ExpiresAt"/>.</summary>
public sealed record ProductImageVariant(string Name, string Url, int Width, int Height, DateTimeOffset ExpiresAt);
