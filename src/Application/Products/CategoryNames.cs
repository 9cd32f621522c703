using CleanShop.Domain.Common;
using CleanShop.Domain.Products;

namespace CleanShop.Application.Products;

/// <summary>Categories travel as upper-case names (ANIMAL), as the Django service's choices did.</summary>
public static class CategoryNames
{
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<Category>().Select(ToName).ToArray();

    public static string ToName(Category category) => category.ToString().ToUpperInvariant();

    public static bool TryParse(string? name, out Category category)
    {
        category = default;
        return !string.IsNullOrWhiteSpace(name)
            && !name.Any(char.IsDigit) // Enum.TryParse would accept "3"
            && Enum.TryParse(name.Trim(), ignoreCase: true, out category)
            && Enum.IsDefined(category);
    }

    /// <summary>The category of a name that a validator has accepted already.</summary>
    public static Category Parse(string name) =>
        TryParse(name, out var category) ? category : throw new DomainException(nameof(Category), $"'{name}' is not a category.");

    public static string Choices => string.Join(", ", All);
}
