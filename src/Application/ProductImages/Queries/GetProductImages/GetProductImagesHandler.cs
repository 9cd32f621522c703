using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Images;
using CleanShop.Application.Products;
using CleanShop.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.ProductImages.Queries.GetProductImages;

public sealed class GetProductImagesHandler(ICatalogDbContext db, IProductImages images)
    : IQueryHandler<GetProductImagesQuery, IReadOnlyList<ImageResponse>>
{
    public async ValueTask<IReadOnlyList<ImageResponse>> Handle(GetProductImagesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Products.AnyAsync(p => p.Id == query.ProductId, cancellationToken))
            throw new NotFoundException(nameof(Product), query.ProductId);

        var productImages = await images.GetAsync(query.ProductId, cancellationToken);
        return productImages.Select(ImageResponse.From).ToArray();
    }
}
