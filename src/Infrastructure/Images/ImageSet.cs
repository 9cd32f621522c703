using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using CleanShop.Infrastructure.Variants;

namespace CleanShop.Infrastructure.Images;

/// <summary>
/// What the cache keeps for one product: its images with presigned URLs, and what it takes to know when the set is
/// out of date. Immutable, so that every hit hands out the same instance.
/// </summary>
/// <param name="Fingerprint">The objects' keys, sizes, ETags and last changes, hashed: how a sweep tells that a product changed.</param>
/// <param name="Version">The product's write sequence number when the listing began: a set older than the product's last write is stale.</param>
/// <param name="RefreshAt">One refresh buffer before the first URL expires: past it, only the URLs that still work are served.</param>
/// <param name="Degraded">A stand-in while the store cannot be read (no images); kept in one process, for a short while.</param>
internal sealed record ImageSet(int ProductId, IReadOnlyList<ProductImage> Images, string Fingerprint, long Version, DateTimeOffset RefreshAt, bool Degraded)
{
    /// <summary>The answer while the set is fresh: one instance, handed out on every hit.</summary>
    [JsonIgnore]
    public ProductImageSet Fresh { get; } = new(ProductId, Images, Degraded);

    /// <summary>
    /// The answer at <paramref name="now"/>. Past the refresh point (the store could not be listed in time) only the
    /// URLs that still work are handed out, and the answer says it is degraded. A set without images never goes stale.
    /// </summary>
    public ProductImageSet Serve(DateTimeOffset now) =>
        now < RefreshAt || Images.Count == 0 ? Fresh : new ProductImageSet(ProductId, Images.Where(i => i.ExpiresAt > now).ToArray(), Degraded: true);

    /// <summary>Signs each object for <paramref name="options"/>' URL lifetime, with its variants; the refresh point follows from the first expiry.</summary>
    public static ImageSet Sign(IImageStore store, int productId, IReadOnlyList<StoredImage> objects, long version, ImageOptions options, DateTimeOffset now, CurrentVariants? variants = null)
    {
        variants ??= CurrentVariants.None;
        var images = objects.Select(o => store.Sign(o, options.UrlLifetime) with { Variants = variants.ByOriginal.GetValueOrDefault(o.Filename) ?? [] }).ToArray();
        var firstExpiry = images.Length == 0 ? now + options.UrlLifetime : images.Min(i => i.Variants.Select(v => v.ExpiresAt).Append(i.ExpiresAt).Min());
        return new ImageSet(productId, images, FingerprintOf(objects, variants), version, firstExpiry - options.RefreshBuffer, Degraded: false);
    }

    /// <summary>No entry anywhere and the store cannot be read: nothing to show, until <paramref name="retryAt"/>.</summary>
    public static ImageSet StandIn(int productId, DateTimeOffset retryAt) => new(productId, [], Fingerprint: "", Version: 0, retryAt, Degraded: true);

    /// <summary>A stable hash (the same in every process) of what the store says about the objects, in key order.</summary>
    public static string FingerprintOf(IReadOnlyList<StoredImage> objects, CurrentVariants? variants = null) => Convert.ToHexString(SHA256.HashData(
        Encoding.UTF8.GetBytes(string.Concat(objects.Select(o => $"{o.Key}\n{o.Size}\n{o.ETag}\n{o.LastModified.UtcTicks}\n")) + variants?.Fingerprint)), 0, 16);
}
