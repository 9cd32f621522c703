namespace CleanShop.Api.Http;

/// <summary>200 with JSON already serialized: sent with its Content-Length in one write. The endpoint declares the type.</summary>
internal sealed class Utf8JsonResult(ReadOnlyMemory<byte> json) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json).AsTask();
    }
}
