using System.ComponentModel.DataAnnotations;

namespace CleanShop.Infrastructure.Variants;

/// <summary>How a variant fits its box: <see cref="Cover"/> fills it and crops the rest (a thumbnail), <see cref="Fit"/> keeps the whole image inside it.</summary>
internal enum VariantFit
{
    Fit,
    Cover,
}

/// <summary>One named variant (<c>ImageVariants:{name}</c>): a box, a fit and a WebP quality. An unset height is the width's box for any height.</summary>
internal sealed class ImageVariantSpec
{
    [Range(1, 10_000)]
    public int Width { get; set; }

    [Range(1, 10_000)]
    public int? Height { get; set; }

    public VariantFit Fit { get; set; } = VariantFit.Fit;

    [Range(1, 100)]
    public int Quality { get; set; } = 80;
}

/// <summary>The named variants made of every original, as WebP, never larger than the original.</summary>
internal sealed class ImageVariantOptions : IValidatableObject
{
    public const string Section = "ImageVariants";

    /// <summary>The defaults, replaced as a whole by a section that names any variant.</summary>
    public static Dictionary<string, ImageVariantSpec> Defaults() => new(StringComparer.Ordinal)
    {
        ["thumb"] = new() { Width = 320, Height = 320, Fit = VariantFit.Cover, Quality = 75 },
        ["medium"] = new() { Width = 800, Quality = 80 },
        ["large"] = new() { Width = 1600, Quality = 82 },
    };

    public Dictionary<string, ImageVariantSpec> Variants { get; set; } = Defaults();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, spec) in Variants)
        {
            // A variant's name is a query value and part of an object key: keep it to what needs no escaping anywhere.
            if (name.Length is 0 or > 32 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || name == "all")
                yield return new ValidationResult($"{Section}:{name}: a variant's name is 1 to 32 of a-z, 0-9 and '-', and not 'all'.");
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(spec, new ValidationContext(spec), results, validateAllProperties: true))
            {
                foreach (var result in results)
                    yield return new ValidationResult($"{Section}:{name}: {result.ErrorMessage}");
            }

            if (spec.Fit == VariantFit.Cover && spec.Height is null)
                yield return new ValidationResult($"{Section}:{name}: a cover variant needs a Height.");
        }
    }
}
