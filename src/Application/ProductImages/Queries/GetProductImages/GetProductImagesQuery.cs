using Mediator;

namespace CleanShop.Application.ProductImages.Queries.GetProductImages;

public sealed record GetProductImagesQuery(int ProductId) : IQuery<ProductImagesResponse>;
