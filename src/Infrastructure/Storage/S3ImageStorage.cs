using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Images;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Storage;

/// <summary>Product images in an S3 bucket, one prefix per product: <c>{productId}/{filename}</c>.</summary>
internal sealed class S3ImageStorage(
    IAmazonS3 s3,
    IOptions<ImageStorageOptions> options,
    CatalogMetrics metrics,
    TimeProvider clock,
    ILogger<S3ImageStorage> logger) : IImageStorage
{
    private const string Dependency = "Object storage";
    private readonly ImageStorageOptions _options = options.Value;
    private readonly Protocol _presignProtocol =
        options.Value.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;

    // The slash matters: "1" would also match product 10's objects.
    private static string Prefix(int productId) => $"{productId}/";

    public Task<IReadOnlyList<StoredImage>> ListAsync(int productId, CancellationToken cancellationToken) =>
        CallAsync("ListObjectsV2", productId, async ct =>
        {
            var prefix = Prefix(productId);
            var images = new List<StoredImage>();
            await foreach (var s3Object in ListObjectsAsync(prefix, delimiter: "/", ct))
            {
                // A folder marker ("1/") or an odd key ending in "/" is not an image.
                if (s3Object.Key.Length == prefix.Length || s3Object.Key.EndsWith('/'))
                    continue;
                images.Add(new StoredImage(
                    s3Object.Key, s3Object.Key[prefix.Length..], s3Object.Size ?? 0, ContentType: null,
                    ToOffset(s3Object.LastModified), s3Object.ETag));
            }

            images.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return (IReadOnlyList<StoredImage>)images;
        }, cancellationToken);

    public Task<StoredImage?> FindAsync(int productId, string filename, CancellationToken cancellationToken) =>
        CallAsync("HeadObject", productId, async ct =>
        {
            var key = Prefix(productId) + filename;
            try
            {
                var metadata = await s3.GetObjectMetadataAsync(_options.BucketName, key, ct);
                return new StoredImage(key, filename, metadata.ContentLength, metadata.Headers.ContentType,
                    ToOffset(metadata.LastModified), metadata.ETag);
            }
            catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode != "NoSuchBucket")
            {
                return null;
            }
        }, cancellationToken);

    public Task UploadAsync(int productId, string filename, Stream content, string contentType, CancellationToken cancellationToken) =>
        CallAsync("PutObject", productId, async ct =>
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _options.BucketName,
                Key = Prefix(productId) + filename,
                InputStream = content,
                AutoCloseStream = false,
                ContentType = contentType,
            }, ct);
            return true;
        }, cancellationToken);

    public Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken) =>
        CallAsync("DeleteObject", productId, async ct =>
        {
            await s3.DeleteObjectAsync(_options.BucketName, Prefix(productId) + filename, ct);
            return true;
        }, cancellationToken);

    public Task DeleteAllAsync(int productId, CancellationToken cancellationToken) =>
        CallAsync("DeleteObjects", productId, async ct =>
        {
            // Everything under the prefix goes, nested keys too: nothing may be left for a later product with this id.
            var batch = new List<KeyVersion>(1000);
            await foreach (var s3Object in ListObjectsAsync(Prefix(productId), delimiter: null, ct))
            {
                batch.Add(new KeyVersion { Key = s3Object.Key });
                if (batch.Count == 1000)
                    await DeleteBatchAsync(batch, ct);
            }

            if (batch.Count > 0)
                await DeleteBatchAsync(batch, ct);
            return true;
        }, cancellationToken);

    public string PresignGet(string key, DateTimeOffset expiresAt)
    {
        metrics.Presigned();
        // The SDK signs with the machine's clock; carry over the lifetime our clock intends.
        var lifetime = expiresAt - clock.GetUtcNow();
        return s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _options.BucketName,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow + lifetime,
            Protocol = _presignProtocol,
        });
    }

    private async IAsyncEnumerable<S3Object> ListObjectsAsync(
        string prefix, string? delimiter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request
        {
            BucketName = _options.BucketName,
            Prefix = prefix,
            Delimiter = delimiter,
            MaxKeys = _options.ListPageSize,
        };
        do
        {
            metrics.S3Request("ListObjectsV2");
            var response = await s3.ListObjectsV2Async(request, cancellationToken);
            // SDK v4 returns null, not empty, for an empty page.
            foreach (var s3Object in response.S3Objects ?? [])
                yield return s3Object;
            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    private async Task DeleteBatchAsync(List<KeyVersion> batch, CancellationToken cancellationToken)
    {
        metrics.S3Request("DeleteObjects");
        var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = _options.BucketName,
            Objects = [.. batch],
            Quiet = true,
        }, cancellationToken);
        batch.Clear();
        if (response.DeleteErrors is { Count: > 0 } errors)
            throw new DependencyUnavailableException(Dependency,
                new InvalidOperationException($"{errors.Count} objects could not be deleted, first: {errors[0].Key} ({errors[0].Code})"));
    }

    /// <summary>
    /// Every S3 call goes through here: counted, and its failures (unreachable, timed out, refused)
    /// logged with context and turned into one exception the Application understands.
    /// </summary>
    private async Task<T> CallAsync<T>(string operation, int productId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (operation is not ("ListObjectsV2" or "DeleteObjects"))
            metrics.S3Request(operation); // listing and batch deletes count each page themselves
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "S3 {Operation} for product {ProductId} in bucket {Bucket} failed: {Reason}",
                operation, productId, _options.BucketName, exception.Message);
            throw new DependencyUnavailableException(Dependency, exception);
        }
    }

    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // a timeout, not the caller leaving
        // AmazonServiceException covers every error S3 answers (AccessDenied, InvalidAccessKeyId, NoSuchBucket, SlowDown,
        // InternalError): none of them is the client's mistake. TimeoutException: the SDK's own timeout on a hung call.
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    private static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue;
}
