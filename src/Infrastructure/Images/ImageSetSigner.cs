using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using CleanShop.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Images;

/// <summary>Turns a product's listed objects into a cached set: one presigned URL each, and the point where the set must be signed again.</summary>
internal sealed class ImageSetSigner(S3ImageBucket bucket, IOptions<ImageCacheOptions> options, TimeProvider clock)
{
    private readonly ImageCacheOptions _options = options.Value;

    /// <param name="objects">The product's objects, in key order.</param>
    /// <param name="version">The product's write sequence number read before the objects were listed.</param>
    public CachedImageSet Sign(int productId, IReadOnlyList<StoredImage> objects, long version)
    {
        var images = new ProductImage[objects.Count];
        var firstExpiry = DateTimeOffset.MaxValue;
        for (var i = 0; i < objects.Count; i++)
        {
            var signed = bucket.Presign(objects[i].Key, _options.UrlLifetime);
            images[i] = new ProductImage(objects[i].Key, objects[i].Filename, signed.Url, signed.ExpiresAt);
            firstExpiry = signed.ExpiresAt < firstExpiry ? signed.ExpiresAt : firstExpiry;
        }

        var refreshAt = objects.Count == 0 ? clock.GetUtcNow() + _options.UrlLifetime - _options.RefreshBuffer : firstExpiry - _options.RefreshBuffer;
        return new CachedImageSet(productId, images, CachedImageSet.FingerprintOf(objects), version, refreshAt, Degraded: false);
    }
}
