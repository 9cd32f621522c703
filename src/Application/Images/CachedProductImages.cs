using CleanShop.Application.Common.Exceptions;
using CleanShop.Domain.Products;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Application.Images;

/// <summary>
/// The image cache policy, in one place. A product's objects are listed and presigned together; the set
/// is cached and served until <see cref="ImageCacheOptions.EntryLifetime"/> has passed, which is at the
/// latest <see cref="ImageCacheOptions.RefreshBuffer"/> before its URLs expire, so every URL handed out
/// stays valid for at least the buffer. While the store cannot be read, URLs that are still valid are
/// served, or none; such a degraded set is retried after <see cref="ImageCacheOptions.FailureCacheDuration"/>.
/// </summary>
public sealed class CachedProductImages(
    IImageStorage storage,
    IImageCache cache,
    IOptions<ImageCacheOptions> options,
    TimeProvider clock,
    ImageReadStatus status,
    ILogger<CachedProductImages> logger) : IProductImages
{
    private readonly ImageCacheOptions _options = options.Value;

    public async ValueTask<IReadOnlyList<ProductImage>> GetAsync(int productId, CancellationToken cancellationToken)
    {
        var set = await cache.GetOrLoadAsync(productId, ct => LoadAsync(productId, stale: null, ct), cancellationToken);
        if (set.RefreshAt <= clock.GetUtcNow())
        {
            var stale = set;
            set = await cache.ReloadAsync(productId, stale, ct => LoadAsync(productId, stale, ct), cancellationToken);
        }

        if (set.Degraded)
            status.MarkDegraded();
        return set.Images;
    }

    public ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken) =>
        cache.InvalidateAsync(productId, cancellationToken);

    public ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken) =>
        cache.InvalidateAllAsync(cancellationToken);

    private async ValueTask<CachedImageSet> LoadAsync(int productId, CachedImageSet? stale, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            var objects = await storage.ListAsync(productId, cancellationToken);
            // Whole seconds: the wire format has no fractions, and a URL must not outlive what we announce.
            var expiresAt = TruncateToSeconds(now + _options.UrlLifetime);
            var images = new ProductImage[objects.Count];
            for (var i = 0; i < objects.Count; i++)
            {
                var stored = objects[i];
                images[i] = new ProductImage(stored.Key, stored.Filename, storage.PresignGet(stored.Key, expiresAt), expiresAt);
            }

            // Refreshed when the cache window ends or, at the latest, one buffer before its URLs expire.
            var windowEnd = now + _options.CacheDuration;
            var lastSafeMoment = expiresAt - _options.RefreshBuffer;
            return new CachedImageSet(images, windowEnd < lastSafeMoment ? windowEnd : lastSafeMoment, Degraded: false);
        }
        catch (DependencyUnavailableException exception)
        {
            // Keep serving the read path: what is still valid, or nothing, and ask again soon.
            var stillValid = stale?.Images.Where(i => i.ExpiresAt > now).ToArray() ?? [];
            logger.LogWarning(exception, "Images of product {ProductId} could not be listed; serving {ValidCount} cached images for {RetryAfter}",
                productId, stillValid.Length, _options.FailureCacheDuration);
            var retryAt = now + _options.FailureCacheDuration;
            foreach (var image in stillValid)
                retryAt = image.ExpiresAt < retryAt ? image.ExpiresAt : retryAt;
            return new CachedImageSet(stillValid, retryAt, Degraded: true);
        }
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
