using CleanShop.Domain.Common;
using CleanShop.Domain.Products;

namespace CleanShop.Application.Products;

/// <summary>Categories travel as upper-case names (ANIMAL), as the Django service's choices did.</summary>
public static class CategoryNames
{
    private static readonly Category[] Values = Enum.GetValues<Category>();
    private static readonly string[] Names = Array.ConvertAll(Values, NameOf);

    public static IReadOnlyList<string> All => Names;

    /// <summary>From a table made once: every product written and every list read asks for names.</summary>
    public static string ToName(Category category) =>
        Array.IndexOf(Values, category) is var i and >= 0 ? Names[i] : NameOf(category);

    private static string NameOf(Category category) => category.ToString().ToUpperInvariant();

    /// <summary>One category's name, in any case. Not Enum.TryParse: it would accept "3" and lists such as "DOLL,FANTASY" (= FOOD).</summary>
    public static bool TryParse(string? name, out Category category)
    {
        var trimmed = name?.Trim();
        for (var i = 0; trimmed is not null && i < Names.Length; i++)
        {
            if (string.Equals(Names[i], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                category = Values[i];
                return true;
            }
        }

        category = default;
        return false;
    }

    /// <summary>The category of a name that a validator has accepted already.</summary>
    public static Category Parse(string name) =>
        TryParse(name, out var category) ? category : throw new DomainException(nameof(Category), $"'{name}' is not a category.");

    public static string Choices { get; } = string.Join(", ", Names);
}
