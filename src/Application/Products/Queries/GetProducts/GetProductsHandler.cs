using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Common.Paging;
using CleanShop.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.Products.Queries.GetProducts;

public sealed class GetProductsHandler(IProductCache products, IImageStorage images)
    : IQueryHandler<GetProductsQuery, PagedList<ProductResponse>>
{
    public async ValueTask<PagedList<ProductResponse>> Handle(GetProductsQuery query, CancellationToken cancellationToken)
    {
        // The hot list path: the matching ids and each product from the cache, PostgreSQL only for what is missing.
        var filter = new ProductListFilter(
            CategoryNames.TryParse(query.Category, out var category) ? category : null, query.IsFeatured, query.IsAvailable);
        var ids = await products.GetOrLoadListAsync(filter, LoadIdsAsync, cancellationToken);

        // As Django REST Framework does: a page past the end is an error, but page 1 of nothing is an empty page.
        if (query.Page > 1 && (long)(query.Page - 1) * query.PageSize >= ids.Length)
            throw new NotFoundException("Invalid page.");

        var pageIds = ids.AsSpan((query.Page - 1) * query.PageSize, Math.Min(query.PageSize, ids.Length - (query.Page - 1) * query.PageSize)).ToArray();
        var page = await products.GetOrLoadManyAsync(pageIds, LoadProductsAsync, cancellationToken);

        // The page's image sets in one batch, not one await per product.
        var imageSets = await images.GetImagesAsync(page.Select(p => p.Id).ToArray(), cancellationToken);
        var items = new ProductResponse[page.Count];
        for (var i = 0; i < page.Count; i++)
            items[i] = ProductResponse.From(page[i], imageSets[i]);

        return new PagedList<ProductResponse>(items, ids.Length, query.Page, query.PageSize);
    }

    private static Task<int[]> LoadIdsAsync(ICatalogDbContext db, ProductListFilter filter, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking();
        if (filter.Category is { } category)
            products = products.Where(p => p.Category == category);
        if (filter.IsFeatured is { } isFeatured)
            products = products.Where(p => p.IsFeatured == isFeatured);
        if (filter.IsAvailable is { } isAvailable)
            products = products.Where(p => p.IsAvailable == isAvailable);
        return products.OrderBy(p => p.Id).Select(p => p.Id).ToArrayAsync(cancellationToken);
    }

    private static async Task<List<ProductSnapshot>> LoadProductsAsync(ICatalogDbContext db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var loaded = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        return loaded.ConvertAll(ProductSnapshot.From);
    }
}
