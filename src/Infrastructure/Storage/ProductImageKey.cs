using System.Globalization;

namespace CleanShop.Infrastructure.Storage;

/// <summary>
/// How an object key names a product image: <c>{productId}/{filename}</c>, the id written as the API writes it.
/// Folder markers (<c>1/</c>), nested keys (<c>1/old/a.png</c>) and keys outside any product are not images.
/// One rule for the per-product listing and the whole-bucket sweep.
/// </summary>
internal static class ProductImageKey
{
    public static bool TryParse(string key, out int productId, out string filename)
    {
        productId = 0;
        filename = "";
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1 || key.IndexOf('/', slash + 1) >= 0)
            return false;
        var id = key.AsSpan(0, slash);
        // Canonical digits only: "01/a.png" is not product 1's, and "+1" or " 1" are no ids at all.
        if (id[0] is < '1' or > '9' || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out productId))
            return false;
        filename = key[(slash + 1)..];
        return true;
    }
}
