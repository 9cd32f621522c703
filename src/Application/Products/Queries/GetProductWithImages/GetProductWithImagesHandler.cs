using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Images;
using CleanShop.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.Products.Queries.GetProductWithImages;

public sealed class GetProductWithImagesHandler(ICatalogDbContext db, IProductImages images)
    : IQueryHandler<GetProductWithImagesQuery, ProductResponse>
{
    public async ValueTask<ProductResponse> Handle(GetProductWithImagesQuery query, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == query.ProductId, cancellationToken)
            ?? throw new NotFoundException(nameof(Product), query.ProductId);

        // S3 is the source of truth for images: they never come from the database.
        var productImages = await images.GetAsync(product.Id, cancellationToken);
        return ProductResponse.From(product, productImages);
    }
}
