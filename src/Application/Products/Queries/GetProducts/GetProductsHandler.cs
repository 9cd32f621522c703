using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Common.Paging;
using CleanShop.Application.ProductImages.Variants;
using Mediator;

namespace CleanShop.Application.Products.Queries.GetProducts;

public sealed class GetProductsHandler(ICatalogReads catalog, IImageStorage images, IImageVariantNames variants)
    : IQueryHandler<GetProductsQuery, PagedList<ProductResponse>>
{
    public async ValueTask<PagedList<ProductResponse>> Handle(GetProductsQuery query, CancellationToken cancellationToken)
    {
        var filter = new ProductListFilter(
            CategoryNames.TryParse(query.Category, out var category) ? category : null, query.IsFeatured, query.IsAvailable);
        var products = await catalog.GetListAsync(filter, cancellationToken);

        // As Django REST Framework does: a page past the end is an error, but page 1 of nothing is an empty page.
        var skip = (long)(query.Page - 1) * query.PageSize;
        if (query.Page > 1 && skip >= products.Count)
            throw new NotFoundException("Invalid page.");

        var page = products.Skip((int)skip).Take(query.PageSize).ToArray();

        // The page's image sets in one batch, not one await per product.
        var imageSets = await images.GetImagesAsync(page.Select(p => p.Id).ToArray(), cancellationToken);
        var selection = VariantSelection.Parse(query.Variants, variants.Names);
        var items = new ProductResponse[page.Length];
        for (var i = 0; i < page.Length; i++)
            items[i] = ProductResponse.From(page[i], imageSets[i], selection);

        return new PagedList<ProductResponse>(items, products.Count, query.Page, query.PageSize);
    }
}
