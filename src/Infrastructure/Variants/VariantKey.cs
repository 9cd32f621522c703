using System.Globalization;
using System.Text.RegularExpressions;
using CleanShop.Domain.Images;

namespace CleanShop.Infrastructure.Variants;

/// <summary>
/// Where a variant lives: <c>variants/{productId}/{filename}/{name}.webp</c>, outside every product prefix, so that a
/// product's <c>{id}/</c> listing stays exactly its originals.
/// </summary>
internal static partial class VariantKey
{
    public const string Prefix = "variants/";

    public static string OfProduct(int productId) => $"{Prefix}{productId.ToString(CultureInfo.InvariantCulture)}/";
    public static string OfOriginal(int productId, string filename) => $"{OfProduct(productId)}{filename}/";
    public static string Of(int productId, string filename, string variant) => $"{OfOriginal(productId, filename)}{variant}.webp";

    public static bool TryParse(string key, out int productId, out string filename, out string variant)
    {
        var match = Pattern().Match(key);
        productId = 0;
        filename = match.Groups[2].Value;
        variant = match.Groups[3].Value;
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out productId) && ImageFileName.CanBeStored(filename);
    }

    [GeneratedRegex(@"\Avariants/([1-9][0-9]{0,9})/([^/]+)/([a-z0-9-]{1,32})\.webp\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
