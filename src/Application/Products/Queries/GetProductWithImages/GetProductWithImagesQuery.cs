using Mediator;

namespace CleanShop.Application.Products.Queries.GetProductWithImages;

public sealed record GetProductWithImagesQuery(int ProductId) : IQuery<ProductResponse>;
