using CleanShop.Domain.Products;

namespace CleanShop.Application.Products;

/// <summary>
/// A list's filters. There are few combinations (8 categories or none, times 3 states of each flag: 72), and a cached list
/// holds every matching id whatever the page and page size, so the lists kept are bounded by 72.
/// </summary>
public sealed record ProductListFilter(Category? Category, bool? IsFeatured, bool? IsAvailable)
{
    /// <summary>A cache key part that names the filters.</summary>
    public string Key => $"{(Category is { } c ? CategoryNames.ToName(c) : "*")}:{Flag(IsFeatured)}:{Flag(IsAvailable)}";

    private static string Flag(bool? value) => value switch { true => "1", false => "0", null => "*" };
}
