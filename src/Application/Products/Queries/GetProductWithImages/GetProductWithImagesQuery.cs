using Mediator;

namespace CleanShop.Application.Products.Queries.GetProductWithImages;

/// <param name="Variants">The image variants to add (<c>thumb,medium</c> or <c>all</c>); none: the JSON as it always was.</param>
public sealed record GetProductWithImagesQuery(int ProductId, string? Variants = null) : IQuery<ProductResponse>;
