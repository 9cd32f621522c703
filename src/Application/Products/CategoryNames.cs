using CleanShop.Domain.Common;
using CleanShop.Domain.Products;

namespace CleanShop.Application.Products;

/// <summary>Categories travel as upper-case names (ANIMAL), as the Django service's choices did.</summary>
public static class CategoryNames
{
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<Category>().Select(ToName).ToArray();

    public static string ToName(Category category) => category.ToString().ToUpperInvariant();

    /// <summary>One category's name, in any case. Not Enum.TryParse: it would accept "3" and lists such as "DOLL,FANTASY" (= FOOD).</summary>
    public static bool TryParse(string? name, out Category category)
    {
        var trimmed = name?.Trim();
        foreach (var candidate in Enum.GetValues<Category>())
        {
            if (string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }

    /// <summary>The category of a name that a validator has accepted already.</summary>
    public static Category Parse(string name) =>
        TryParse(name, out var category) ? category : throw new DomainException(nameof(Category), $"'{name}' is not a category.");

    public static string Choices => string.Join(", ", All);
}
