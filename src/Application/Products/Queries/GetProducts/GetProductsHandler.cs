using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Common.Paging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.Products.Queries.GetProducts;

public sealed class GetProductsHandler(ICatalogDbContext db, IImageStorage images)
    : IQueryHandler<GetProductsQuery, PagedList<ProductResponse>>
{
    public async ValueTask<PagedList<ProductResponse>> Handle(GetProductsQuery query, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking();
        if (CategoryNames.TryParse(query.Category, out var category))
            products = products.Where(p => p.Category == category);
        if (query.IsFeatured is { } isFeatured)
            products = products.Where(p => p.IsFeatured == isFeatured);
        if (query.IsAvailable is { } isAvailable)
            products = products.Where(p => p.IsAvailable == isAvailable);

        var totalCount = await products.CountAsync(cancellationToken);
        // As Django REST Framework does: a page past the end is an error, but page 1 of nothing is an empty page.
        if (query.Page > 1 && (long)(query.Page - 1) * query.PageSize >= totalCount)
            throw new NotFoundException("Invalid page.");

        var page = await products
            .OrderBy(p => p.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);

        // The page's image sets in one batch, not one await per product.
        var imageSets = await images.GetImagesAsync(page.ConvertAll(p => p.Id), cancellationToken);
        var items = new ProductResponse[page.Count];
        for (var i = 0; i < page.Count; i++)
            items[i] = ProductResponse.From(page[i], imageSets[i]);

        return new PagedList<ProductResponse>(items, totalCount, query.Page, query.PageSize);
    }
}
