using System.ComponentModel;
using CleanShop.Domain.Products;

namespace CleanShop.Application.Images;

/// <summary>
/// A product's images with their presigned URLs, as cached. Immutable (and marked so) so that the cache
/// can hand out the same instance on every hit instead of a defensive copy.
/// </summary>
/// <param name="RefreshAt">After this instant the set must be loaded again: its URLs are about to expire, or it is a degraded stand-in.</param>
/// <param name="Degraded">The store could not be read: <see cref="Images"/> holds only what was still valid, maybe nothing.</param>
[ImmutableObject(true)]
public sealed record CachedImageSet(IReadOnlyList<ProductImage> Images, DateTimeOffset RefreshAt, bool Degraded);
