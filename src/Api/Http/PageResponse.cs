using CleanShop.Application.Common.Paging;
using Microsoft.AspNetCore.WebUtilities;

namespace CleanShop.Api.Http;

/// <summary>Django REST Framework's page envelope, which the storefront reads: count, next, previous, results.</summary>
internal sealed record PageResponse<T>(int Count, string? Next, string? Previous, IReadOnlyList<T> Results)
{
    public static PageResponse<T> From(PagedList<T> page, HttpRequest request) =>
        new(page.TotalCount,
            page.HasNext ? LinkToPage(request, page.Page + 1) : null,
            page.HasPrevious ? LinkToPage(request, page.Page - 1) : null,
            page.Items);

    /// <summary>The request's own URL with another page number; page 1 drops the parameter, as DRF does.</summary>
    private static string LinkToPage(HttpRequest request, int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, "page", StringComparison.Ordinal))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .ToList();
        if (page > 1)
            query.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }
}
