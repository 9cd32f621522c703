namespace CleanShop.Api.Http;

/// <summary>
/// 200 with JSON already serialized, sent with its Content-Length in one write, as a static file is: no chunked
/// framing, no serializer on the response's pipe. The endpoint declares the type with <c>Produces&lt;T&gt;</c>.
/// </summary>
/// <param name="json">The body.</param>
/// <param name="owner">What to give back once the body is written (a pooled buffer), if anything.</param>
internal sealed class Utf8JsonResult(ReadOnlyMemory<byte> json, IDisposable? owner = null) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = json.Length;
        return owner is null ? response.Body.WriteAsync(json).AsTask() : WriteThenReturnAsync(response);
    }

    private async Task WriteThenReturnAsync(HttpResponse response)
    {
        try
        {
            await response.Body.WriteAsync(json);
        }
        finally
        {
            owner!.Dispose();
        }
    }
}
