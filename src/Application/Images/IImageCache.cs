namespace CleanShop.Application.Images;

/// <summary>
/// Where each product's presigned image set is kept between requests, shared by every process.
/// Implementations run one load per key however many callers ask at once, and make an invalidation
/// visible to every process that shares the cache.
/// </summary>
public interface IImageCache
{
    /// <summary>The cached set, or the result of <paramref name="load"/> (then cached) when there is none.</summary>
    ValueTask<CachedImageSet> GetOrLoadAsync(
        int productId, Func<CancellationToken, ValueTask<CachedImageSet>> load, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces <paramref name="stale"/> with the result of <paramref name="load"/>. Callers that hold the
    /// same stale set share one load.
    /// </summary>
    ValueTask<CachedImageSet> ReloadAsync(
        int productId, CachedImageSet stale, Func<CancellationToken, ValueTask<CachedImageSet>> load, CancellationToken cancellationToken);

    /// <summary>Drops one product's set here and in every other process; false when the others could not be told (Redis down).</summary>
    ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken);

    /// <summary>Drops every product's set here and in every other process; false when the others could not be told (Redis down).</summary>
    ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken);
}
