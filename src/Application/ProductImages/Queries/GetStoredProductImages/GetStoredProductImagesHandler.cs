using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using Mediator;

namespace CleanShop.Application.ProductImages.Queries.GetStoredProductImages;

public sealed class GetStoredProductImagesHandler(ICatalogDbContext db, IImageStorage images)
    : IQueryHandler<GetStoredProductImagesQuery, IReadOnlyList<StoredImage>>
{
    public async ValueTask<IReadOnlyList<StoredImage>> Handle(GetStoredProductImagesQuery query, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(query.ProductId, cancellationToken);
        return await images.ListStoredAsync(query.ProductId, cancellationToken);
    }
}
