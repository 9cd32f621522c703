using CleanShop.Application.Common.Paging;
using Mediator;

namespace CleanShop.Application.Products.Queries.GetProducts;

/// <summary>One page of the catalog, filtered; ordered by id so that pages are stable.</summary>
/// <param name="Variants">The image variants to add (<c>thumb,medium</c> or <c>all</c>); none: the JSON as it always was.</param>
public sealed record GetProductsQuery(
    int Page = 1,
    int PageSize = GetProductsQuery.DefaultPageSize,
    string? Category = null,
    bool? IsFeatured = null,
    bool? IsAvailable = null,
    string? Variants = null) : IQuery<PagedList<ProductResponse>>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}
