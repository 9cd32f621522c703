using System.ComponentModel;
using CleanShop.Domain.Products;

namespace CleanShop.Application.Common.Interfaces;

/// <summary>A product's images as a read gets them.</summary>
/// <param name="Degraded">The store could not be read or the set could not be refreshed in time: <see cref="Images"/> holds only what is still valid, maybe nothing.</param>
[ImmutableObject(true)]
public sealed record ProductImageSet(int ProductId, IReadOnlyList<ProductImage> Images, bool Degraded);
