using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Images;
using CleanShop.Application.Products;
using Mediator;

namespace CleanShop.Application.ProductImages.Queries.GetProductImages;

public sealed class GetProductImagesHandler(ICatalogDbContext db, IProductImages images)
    : IQueryHandler<GetProductImagesQuery, IReadOnlyList<ImageResponse>>
{
    public async ValueTask<IReadOnlyList<ImageResponse>> Handle(GetProductImagesQuery query, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(query.ProductId, cancellationToken);

        var productImages = await images.GetAsync(query.ProductId, cancellationToken);
        return productImages.Select(ImageResponse.From).ToArray();
    }
}
