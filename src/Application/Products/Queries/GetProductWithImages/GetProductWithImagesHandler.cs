using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using CleanShop.Application.ProductImages.Variants;
using Mediator;

namespace CleanShop.Application.Products.Queries.GetProductWithImages;

public sealed class GetProductWithImagesHandler(ICatalogReads catalog, IImageStorage images, IImageVariantNames variants)
    : IQueryHandler<GetProductWithImagesQuery, ProductResponse>
{
    public async ValueTask<ProductResponse> Handle(GetProductWithImagesQuery query, CancellationToken cancellationToken)
    {
        var product = await catalog.GetProductAsync(query.ProductId, cancellationToken)
            ?? throw new NotFoundException(nameof(Product), query.ProductId);

        // S3 is the source of truth for images: they never come from the database.
        var productImages = await images.GetImagesAsync(product.Id, cancellationToken);
        return ProductResponse.From(product, productImages, VariantSelection.Parse(query.Variants, variants.Names));
    }
}
