namespace CleanShop.Domain.Products;

/// <summary>
/// One image of a product, as a client may load it: the object's key and file name, and a URL that
/// works until <see cref="ExpiresAt"/>. A value object: two images with the same values are the same image.
/// </summary>
public sealed record ProductImage(string Key, string Filename, string Url, DateTimeOffset ExpiresAt)
{
    /// <summary>Its variants made from what it is now, by name; one not made yet is absent.</summary>
    public IReadOnlyList<ProductImageVariant> Variants { get; init; } = [];

    /// <summary>Whether the URL still works for at least <paramref name="margin"/> after <paramref name="now"/>.</summary>
    public bool IsValidFor(TimeSpan margin, DateTimeOffset now) => ExpiresAt - margin >= now;
}
