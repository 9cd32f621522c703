using Microsoft.AspNetCore.Http;

namespace CleanShop.IntegrationTests.Support;

/// <summary>Which S3 operation a request is, as the SDK sends it in path style.</summary>
public static class S3Operations
{
    /// <summary>ListObjectsV2: GET on the bucket with list-type=2.</summary>
    public static bool IsList(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Query["list-type"] == "2";

    /// <summary>Any write: PUT, POST or DELETE.</summary>
    public static bool IsWrite(HttpRequest request) =>
        HttpMethods.IsPut(request.Method) || HttpMethods.IsPost(request.Method) || HttpMethods.IsDelete(request.Method);

    /// <summary>A request that reads: GET or HEAD.</summary>
    public static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
}
