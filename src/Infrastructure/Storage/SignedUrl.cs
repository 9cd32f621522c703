using System.Globalization;

namespace CleanShop.Infrastructure.Storage;

/// <summary>A presigned URL and the instant it stops working, as read from its own signature fields.</summary>
internal sealed record SignedUrl(string Url, DateTimeOffset ExpiresAt)
{
    /// <summary>X-Amz-Date (yyyyMMddTHHmmssZ) plus X-Amz-Expires (seconds), both in the URL's query string.</summary>
    public static DateTimeOffset ReadExpiry(string url)
    {
        var date = QueryValue(url, "X-Amz-Date=");
        var seconds = QueryValue(url, "X-Amz-Expires=");
        return DateTimeOffset.ParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            .AddSeconds(long.Parse(seconds, CultureInfo.InvariantCulture));
    }

    private static ReadOnlySpan<char> QueryValue(string url, string name)
    {
        var start = url.IndexOf(name, StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException($"A presigned URL without {name.TrimEnd('=')}.");
        var value = url.AsSpan(start + name.Length);
        var end = value.IndexOf('&');
        return end < 0 ? value : value[..end];
    }
}
