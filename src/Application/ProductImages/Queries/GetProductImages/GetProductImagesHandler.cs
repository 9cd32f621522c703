using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using Mediator;

namespace CleanShop.Application.ProductImages.Queries.GetProductImages;

public sealed class GetProductImagesHandler(ICatalogDbContext db, IImageStorage images)
    : IQueryHandler<GetProductImagesQuery, ProductImagesResponse>
{
    public async ValueTask<ProductImagesResponse> Handle(GetProductImagesQuery query, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(query.ProductId, cancellationToken);

        var set = await images.GetImagesAsync(query.ProductId, cancellationToken);
        return new ProductImagesResponse(set.Images.Select(ImageResponse.From).ToArray(), set.Degraded);
    }
}
