using Microsoft.AspNetCore.Http.Features;

namespace CleanShop.Api.Http;

/// <summary>
/// Refuses a request whose raw target has a dot segment (".", "..", in any percent-encoding) or an encoded
/// slash in its path, before routing. Kestrel normalises dot segments away, so "/api/products/5/images/%2e%2e"
/// would reach "/api/products/5/", the product's delete route: an image name must never become another route.
/// </summary>
internal static class RequestTargetGuard
{
    public const string Message = "The request path may not contain dot segments ('.' or '..', in any encoding) or an encoded slash ('%2F').";

    /// <summary>Place it before routing: it throws <see cref="BadHttpRequestException"/>, which the exception handler answers with 400.</summary>
    public static IApplicationBuilder UseRequestTargetGuard(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
            if (rawTarget is not null && !IsSafe(rawTarget))
                throw new BadHttpRequestException(Message, StatusCodes.Status400BadRequest);
            return next(context);
        });

    /// <summary>Whether the path of <paramref name="rawTarget"/> (origin or absolute form) is free of dot segments and encoded slashes.</summary>
    /// <remarks>Runs on every request, so it reads the target in place and allocates nothing.</remarks>
    public static bool IsSafe(string rawTarget)
    {
        var path = PathOf(rawTarget);
        if (path.Contains("%2f", StringComparison.OrdinalIgnoreCase))
            return false;
        foreach (var range in path.Split('/'))
        {
            if (IsDotSegment(path[range]))
                return false;
        }

        return true;
    }

    /// <summary>"." or "..", each dot written as '.' or "%2e"; anything else in the segment makes it an ordinary name ("..a", ".png").</summary>
    private static bool IsDotSegment(ReadOnlySpan<char> segment)
    {
        var dots = 0;
        while (!segment.IsEmpty)
        {
            if (segment[0] == '.')
                segment = segment[1..];
            else if (segment.StartsWith("%2e", StringComparison.OrdinalIgnoreCase))
                segment = segment[3..];
            else
                return false;
            if (++dots > 2)
                return false;
        }

        return dots > 0;
    }

    private static ReadOnlySpan<char> PathOf(string rawTarget)
    {
        var target = rawTarget.AsSpan();
        var query = target.IndexOfAny('?', '#');
        if (query >= 0)
            target = target[..query];
        // Absolute form ("http://host/path"): the path starts at the first slash after the authority.
        var scheme = target.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && !target[..scheme].Contains('/'))
        {
            var afterAuthority = target[(scheme + 3)..];
            var slash = afterAuthority.IndexOf('/');
            target = slash >= 0 ? afterAuthority[slash..] : [];
        }

        return target;
    }
}
