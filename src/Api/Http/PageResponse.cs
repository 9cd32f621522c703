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
    /// <remarks>From the query the request has already parsed for binding, not a second parse of its text.</remarks>
    private static string LinkToPage(HttpRequest request, int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (name, values) in request.Query)
        {
            if (string.Equals(name, "page", StringComparison.Ordinal))
                continue;
            foreach (var value in values)
                query.Add(new(name, value));
        }

        if (page > 1)
            query.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }
}
