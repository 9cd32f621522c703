using Mediator;

namespace CleanShop.Application.ProductImages.Queries.GetProductImages;

/// <param name="Variants">The image variants to add (<c>thumb,medium</c> or <c>all</c>); none: the JSON as it always was.</param>
public sealed record GetProductImagesQuery(int ProductId, string? Variants = null) : IQuery<ProductImagesResponse>;
