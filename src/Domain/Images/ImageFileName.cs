using System.Globalization;
using System.Text;

namespace CleanShop.Domain.Images;

/// <summary>
/// The name an image is stored under, below its product's prefix. Normalised (Unicode NFC, trimmed) and
/// refused when it could leave the prefix or confuse a client: path separators, "..", control characters.
/// </summary>
public static class ImageFileName
{
    public const int MaxLength = 255;

    /// <summary>S3's key limit (1,024 bytes of UTF-8) less the longest product prefix, "2147483647/".</summary>
    public const int MaxUtf8Bytes = 1024 - 11;

    /// <summary>The normalised name, or null with the reason in <paramref name="error"/>.</summary>
    public static string? Normalize(string? raw, out string? error)
    {
        var name = (raw ?? string.Empty).Normalize(NormalizationForm.FormC).Trim();
        error = name switch
        {
            "" => "A file name is required.",
            _ when name.Length > MaxLength => $"A file name has at most {MaxLength} characters.",
            _ when name.Contains('/') || name.Contains('\\') => "A file name may not contain a path separator.",
            _ when name.Contains("..", StringComparison.Ordinal) => "A file name may not contain '..'.",
            _ when Encoding.UTF8.GetByteCount(name) > MaxUtf8Bytes => $"A file name has at most {MaxUtf8Bytes} bytes of UTF-8.",
            _ when name.EnumerateRunes().Any(Rune.IsControl) => "A file name may not contain control characters.",
            // Bidi overrides (U+202E turns "gnp.exe" into what reads as "exe.png"), zero-width and other invisible
            // characters, tag characters (U+E0000 block, outside the BMP: hence runes, not chars) included.
            _ when name.EnumerateRunes().Any(IsFormat) =>
                "A file name may not contain invisible format characters (Unicode category Cf, such as bidi overrides).",
            _ when name == "." => "'.' is not a file name.",
            _ => null,
        };
        return error is null ? name : null;
    }

    /// <summary>
    /// A name some stored image could have, whoever stored it: what the bucket listing accepts as an image and what a
    /// delete asks the store about. Looser than <see cref="Normalize"/> (another tool may store " padded.png " or a
    /// format character), but never an empty name, a dot segment, a path separator, more than <see cref="MaxLength"/>
    /// characters (so never a key over S3's 1,024 bytes: 255 UTF-16 units are at most 765 bytes of UTF-8) or a control
    /// character (S3 lists keys as XML, which cannot carry one).
    /// </summary>
    public static bool CanBeStored(string name) =>
        name.Length is > 0 and <= MaxLength && name is not ("." or "..") && !name.Contains('/') && !name.Any(char.IsControl);

    private static bool IsFormat(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;
}
