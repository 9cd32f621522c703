using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.Products.Queries.GetProductWithImages;

public sealed class GetProductWithImagesHandler(IProductCache products, IImageStorage images)
    : IQueryHandler<GetProductWithImagesQuery, ProductResponse>
{
    public async ValueTask<ProductResponse> Handle(GetProductWithImagesQuery query, CancellationToken cancellationToken)
    {
        // The hot read path: the product from the cache, PostgreSQL only on a miss.
        var product = await products.GetOrLoadAsync(query.ProductId, LoadAsync, cancellationToken)
            ?? throw new NotFoundException(nameof(Product), query.ProductId);

        // S3 is the source of truth for images: they never come from the database.
        var productImages = await images.GetImagesAsync(product.Id, cancellationToken);
        return ProductResponse.From(product, productImages);
    }

    private static async Task<ProductSnapshot?> LoadAsync(ICatalogDbContext db, int productId, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId, cancellationToken);
        return product is null ? null : ProductSnapshot.From(product);
    }
}
