using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Common.Validation;
using FluentValidation;

namespace CleanShop.Application.ProductImages.Variants;

/// <summary>
/// Which variants a read adds to each image: <c>?variants=thumb,medium</c>, or <c>all</c>. None (the parameter
/// absent) keeps the JSON exactly the Django service's.
/// </summary>
public static class VariantSelection
{
    public const string All = "all";

    /// <summary>The names asked for, in the order the service lists them; empty when none is asked for.</summary>
    public static IReadOnlySet<string> Parse(string? value, IReadOnlyList<string> known)
    {
        if (value is null)
            return new HashSet<string>();
        var asked = value.Split(',');
        return asked.Contains(All) ? known.ToHashSet(StringComparer.Ordinal) : asked.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The first name that is no variant, if any.</summary>
    public static string? FirstUnknown(string? value, IReadOnlyList<string> known) =>
        value?.Split(',').FirstOrDefault(name => name != All && !known.Contains(name, StringComparer.Ordinal));

    /// <summary>The rule each read that takes <c>variants</c> applies: 400 naming the first unknown name.</summary>
    public static IRuleBuilderOptions<T, string?> MustNameVariants<T>(this IRuleBuilder<T, string?> rule, IImageVariantNames variants) =>
        rule.Must(value => FirstUnknown(value, variants.Names) is null)
            .WithMessage((_, value) => $"'{ClientText.Printable(FirstUnknown(value, variants.Names))}' is not an image variant; choose from {string.Join(", ", variants.Names)} or {All}, separated by commas.");
}
