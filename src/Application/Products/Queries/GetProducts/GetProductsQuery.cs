using CleanShop.Application.Common.Paging;
using Mediator;

namespace CleanShop.Application.Products.Queries.GetProducts;

/// <summary>One page of the catalog, filtered; ordered by id so that pages are stable.</summary>
public sealed record GetProductsQuery(
    int Page = 1,
    int PageSize = GetProductsQuery.DefaultPageSize,
    string? Category = null,
    bool? IsFeatured = null,
    bool? IsAvailable = null) : IQuery<PagedList<ProductResponse>>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}
