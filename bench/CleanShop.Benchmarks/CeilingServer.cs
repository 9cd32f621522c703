namespace CleanShop.Benchmarks;

/// <summary>
/// The fastest this machine can answer the product endpoint (and, with --list-body, the list page): a bare ASP.NET
/// Core app that writes the JSON, serialized once, from memory. No database, no cache, no mediator, no logging.
/// </summary>
public static class CeilingServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var bodyPath = Argument(args, "--body") ?? throw new ArgumentException("--body FILE is required");
        var body = await File.ReadAllBytesAsync(bodyPath);
        // The list page's ceiling: the same 20-product page, images included, pre-serialized.
        var listBody = Argument(args, "--list-body") is { } listPath ? await File.ReadAllBytesAsync(listPath) : null;

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/api/products/{id:int}", (HttpContext context) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        if (listBody is not null)
        {
            app.MapGet("/api/products", (HttpContext context) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = listBody.Length;
                return context.Response.Body.WriteAsync(listBody).AsTask();
            });
        }

        app.MapGet("/health/ready", () => "Healthy");
        await app.RunAsync();
        return 0;
    }

    internal static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
