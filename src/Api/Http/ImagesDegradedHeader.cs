using CleanShop.Application.Images;

namespace CleanShop.Api.Http;

/// <summary>
/// Tells clients that the images in a 200 answer are incomplete because the object store could not be
/// read: <c>X-Images-Degraded: true</c>. The JSON stays exactly as the storefront expects it.
/// </summary>
internal static class ImagesDegradedHeader
{
    public const string Name = "X-Images-Degraded";

    public static IApplicationBuilder UseImagesDegradedHeader(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                if (context.RequestServices.GetService<ImageReadStatus>() is { Degraded: true })
                    context.Response.Headers[Name] = "true";
                return Task.CompletedTask;
            }, context);
            await next(context);
        });
}
