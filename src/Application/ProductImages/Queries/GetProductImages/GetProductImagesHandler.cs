using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using CleanShop.Application.ProductImages.Variants;
using Mediator;

namespace CleanShop.Application.ProductImages.Queries.GetProductImages;

public sealed class GetProductImagesHandler(ICatalogDbContext db, IImageStorage images, IImageVariantNames variants)
    : IQueryHandler<GetProductImagesQuery, ProductImagesResponse>
{
    public async ValueTask<ProductImagesResponse> Handle(GetProductImagesQuery query, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(query.ProductId, cancellationToken);

        var set = await images.GetImagesAsync(query.ProductId, cancellationToken);
        var selection = VariantSelection.Parse(query.Variants, variants.Names);
        return new ProductImagesResponse(set.Images.Select(image => ImageResponse.From(image, selection)).ToArray(), set.Degraded);
    }
}
