using CleanShop.Application.Common.Interfaces;
using Mediator;

namespace CleanShop.Application.ProductImages.Queries.GetStoredProductImages;

/// <summary>
/// A product's image objects as the store describes them now (size, content type, last change), for
/// operators. Read from the store itself, never from the cache; ordered by name.
/// </summary>
public sealed record GetStoredProductImagesQuery(int ProductId) : IQuery<IReadOnlyList<StoredImage>>;
