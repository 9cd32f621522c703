namespace CleanShop.Api.Endpoints;

/// <summary>The <c>variants</c> query parameter of every read that returns images: described once.</summary>
internal static class ImageVariantsParameter
{
    public const string Description =
        "Adds `variants` to each image: the named WebP renditions asked for (`thumb,medium`, or `all`), each with `url`, `width`, " +
        "`height` and `expires_at`. A variant not made yet is absent. Without this parameter the JSON is unchanged. An unknown name answers 400.";
}
