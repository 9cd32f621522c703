using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

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

/// <summary>
/// The named variants made of every original, as WebP, never larger than the original (<c>ImageVariants:{name}</c>,
/// over the defaults), and how they are made. Variants live at <c>variants/{productId}/{filename}/{name}.webp</c>.
/// </summary>
internal sealed class ImageVariantOptions : IValidatableObject
{
    public const string Section = "ImageVariants";

    /// <summary>The section's settings that are not variants.</summary>
    public static readonly string[] Settings = [nameof(Enabled), nameof(Bucket), nameof(Concurrency), nameof(MemoryMB)];

    /// <summary>Off: no variant is made, listed or deleted.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A bucket of their own; none: the images' bucket, outside every product prefix.</summary>
    public string? Bucket { get; set; }

    /// <summary>Originals processed at once in this instance.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// The most memory libvips' operation cache may hold, in MB; 0, the default, turns it off: each original is
    /// decoded once per variant with shrink-on-load, so a cached operation is never asked for again and would only hold memory.
    /// </summary>
    [Range(0, 4096)]
    public int MemoryMB { get; set; }

    /// <summary>The defaults; a setting changes one field of one (<c>ImageVariants:thumb:Quality</c>) or adds a variant.</summary>
    public static Dictionary<string, ImageVariantSpec> Defaults() => new(StringComparer.Ordinal)
    {
        ["thumb"] = new() { Width = 320, Height = 320, Fit = VariantFit.Cover, Quality = 75 },
        ["medium"] = new() { Width = 800, Quality = 80 },
        ["large"] = new() { Width = 1600, Quality = 82 },
    };

    public Dictionary<string, ImageVariantSpec> Variants { get; set; } = Defaults();

    /// <summary>The section's scalars, then each other child over the default of that name (or a new variant).</summary>
    public static void Bind(ImageVariantOptions options, IConfigurationSection section)
    {
        section.Bind(options);
        foreach (var child in section.GetChildren().Where(c => !Settings.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            if (!options.Variants.TryGetValue(child.Key, out var spec))
                options.Variants[child.Key] = spec = new ImageVariantSpec();
            child.Bind(spec);
        }
    }

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
