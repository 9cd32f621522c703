namespace CleanShop.Api.Http;

/// <summary>
/// Tells clients that the images in a 200 answer are incomplete because the object store could not be read in time:
/// <c>X-Images-Degraded: true</c>. The JSON stays exactly as the storefront expects it; the read's result says when.
/// </summary>
internal static class ImagesDegradedHeader
{
    public const string Name = "X-Images-Degraded";

    /// <summary>Adds the header when <paramref name="degraded"/>; returns <paramref name="result"/> for chaining in an endpoint.</summary>
    public static T WithImagesDegraded<T>(this HttpResponse response, bool degraded, T result)
    {
        if (degraded)
            response.Headers[Name] = "true";
        return result;
    }
}
