using System.Net;
using System.Runtime.CompilerServices;
using System.Xml;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Hashing;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Storage;

/// <summary>
/// The image bucket as S3 sees it, one prefix per product (<c>{productId}/{filename}</c>): plain S3 calls, each
/// counted by operation and by who asked (a request or the background sweep), and every failure to reach the
/// store (refused, timed out, throttled, denied) turned into the one exception the Application understands.
/// No caching here: that is <see cref="Images.CachedImageStorage"/>'s business.
/// </summary>
internal sealed class S3ImageBucket(
    IAmazonS3 s3,
    IOptions<ImageStorageOptions> options,
    CatalogMetrics metrics,
    ILogger<S3ImageBucket> logger)
{
    private const string Dependency = "Object storage";

    /// <summary>User metadata <c>x-amz-meta-sha256</c>: the content's SHA-256, in lowercase hex.</summary>
    private const string Sha256Metadata = "x-amz-meta-sha256";
    private readonly ImageStorageOptions _options = options.Value;
    private readonly Protocol _presignProtocol =
        options.Value.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;

    /// <summary>The slash matters: "1" would also match product 10's objects.</summary>
    public static string Prefix(int productId) => $"{productId}/";

    /// <summary>
    /// The image objects directly under the product's prefix, ordered by key. Bounded by <see cref="ImageStorageOptions.ReadTimeout"/>
    /// when a storefront request waits for it.
    /// </summary>
    public Task<IReadOnlyList<StoredImage>> ListProductAsync(int productId, S3Caller caller, CancellationToken cancellationToken) =>
        CallAsync("ListObjectsV2", caller, productId, async ct =>
        {
            var prefix = Prefix(productId);
            var images = new List<StoredImage>();
            await foreach (var page in ListPagesAsync(prefix, delimiter: "/", caller, ct))
            {
                foreach (var s3Object in page)
                {
                    if (ProductImageKey.TryParse(s3Object.Key, out var id, out var filename) && id == productId)
                        images.Add(ToStoredImage(s3Object, filename));
                }
            }

            images.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return (IReadOnlyList<StoredImage>)images;
        }, cancellationToken);

    /// <summary>The whole bucket, page by page (no prefix): what the background sweep compares with the cache.</summary>
    public async IAsyncEnumerable<IReadOnlyList<S3Object>> ListBucketAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = ListPagesAsync(prefix: null, delimiter: null, S3Caller.Background, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (await CallAsync("ListObjectsV2", S3Caller.Background, productId: null, _ => pages.MoveNextAsync().AsTask(), cancellationToken))
                yield return pages.Current;
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    public Task<StoredImage?> HeadAsync(int productId, string filename, CancellationToken cancellationToken) =>
        CallAsync("HeadObject", S3Caller.Request, productId, async ct =>
        {
            metrics.S3Request("HeadObject", S3Caller.Request);
            var key = Prefix(productId) + filename;
            try
            {
                var metadata = await s3.GetObjectMetadataAsync(_options.BucketName, key, ct);
                return new StoredImage(key, filename, metadata.ContentLength, metadata.Headers.ContentType,
                    ToOffset(metadata.LastModified), metadata.ETag, ContentSha256.Parse(metadata.Metadata[Sha256Metadata]));
            }
            catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode != "NoSuchBucket")
            {
                // A HEAD answer has no body: a missing bucket looks like a missing key. A one-key listing has a body, and
                // says NoSuchBucket (then the store is unavailable, 503) where the bucket is gone.
                metrics.S3Request("ListObjectsV2", S3Caller.Request);
                await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _options.BucketName, Prefix = key, MaxKeys = 1 }, ct);
                return null;
            }
        }, cancellationToken);

    public Task PutAsync(int productId, string filename, Stream content, string contentType, CancellationToken cancellationToken) =>
        CallAsync("PutObject", S3Caller.Request, productId, async ct =>
        {
            metrics.S3Request("PutObject", S3Caller.Request);
            // The content's SHA-256 travels with the object as metadata: it is what "identical" is judged by (the
            // ETag is no content hash for multipart or SSE-KMS objects, and the emulator checks no S3 checksum).
            await using var buffered = content.CanSeek ? null : await BufferAsync(content, ct);
            var body = buffered ?? content;
            var start = body.Position;
            var sha256 = await ContentSha256.ComputeAsync(body, ct);
            body.Position = start;
            var request = new PutObjectRequest
            {
                BucketName = _options.BucketName,
                Key = Prefix(productId) + filename,
                InputStream = body,
                AutoCloseStream = false,
                ContentType = contentType,
            };
            request.Metadata.Add(Sha256Metadata, sha256);
            await s3.PutObjectAsync(request, ct);
            return true;
        }, cancellationToken);

    /// <summary>A stream that cannot be read twice, copied to a temporary file that goes when it is disposed.</summary>
    private static async Task<Stream> BufferAsync(Stream content, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        return file;
    }

    public Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken) =>
        CallAsync("DeleteObject", S3Caller.Request, productId, async ct =>
        {
            metrics.S3Request("DeleteObject", S3Caller.Request);
            await s3.DeleteObjectAsync(_options.BucketName, Prefix(productId) + filename, ct);
            return true;
        }, cancellationToken);

    public Task DeleteAllAsync(int productId, CancellationToken cancellationToken) =>
        CallAsync("DeleteObjects", S3Caller.Request, productId, async ct =>
        {
            // Everything under the prefix goes, nested keys too: nothing may be left for a later product with this id.
            var batch = new List<KeyVersion>(1000);
            await foreach (var page in ListPagesAsync(Prefix(productId), delimiter: null, S3Caller.Request, ct))
            {
                foreach (var s3Object in page)
                {
                    batch.Add(new KeyVersion { Key = s3Object.Key });
                    if (batch.Count == 1000)
                        await DeleteBatchAsync(batch, ct);
                }
            }

            if (batch.Count > 0)
                await DeleteBatchAsync(batch, ct);
            return true;
        }, cancellationToken);

    /// <summary>
    /// A URL that lets anyone GET the object for about <paramref name="lifetime"/>. Pure computation: no request is
    /// sent. The expiry is read back from what was signed (X-Amz-Date + X-Amz-Expires): the SDK signs with its own
    /// clock and rounds, and the announced expiry must never be later than the real one.
    /// </summary>
    public SignedUrl Presign(string key, TimeSpan lifetime)
    {
        metrics.Presigned();
        var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _options.BucketName,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow + lifetime,
            Protocol = _presignProtocol,
        });
        return new SignedUrl(url, SignedUrl.ReadExpiry(url));
    }

    private async IAsyncEnumerable<IReadOnlyList<S3Object>> ListPagesAsync(
        string? prefix, string? delimiter, S3Caller caller, [EnumeratorCancellation] CancellationToken cancellationToken)
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
            metrics.S3Request("ListObjectsV2", caller);
            var response = await s3.ListObjectsV2Async(request, cancellationToken);
            yield return response.S3Objects ?? []; // SDK v4 returns null, not empty, for an empty page
            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    private async Task DeleteBatchAsync(List<KeyVersion> batch, CancellationToken cancellationToken)
    {
        metrics.S3Request("DeleteObjects", S3Caller.Request);
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
    /// Every S3 call goes through here: a storefront read is bounded by the read timeout, and failures (unreachable,
    /// timed out, throttled, refused) are logged with context and turned into one exception the Application understands.
    /// </summary>
    private async Task<T> CallAsync<T>(string operation, S3Caller caller, int? productId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var bounded = caller == S3Caller.RequestRead ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        bounded?.CancelAfter(_options.ReadTimeout);
        try
        {
            return await call(bounded?.Token ?? cancellationToken);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "S3 {Operation} for product {ProductId} in bucket {Bucket} failed: {Reason}",
                operation, productId, _options.BucketName, exception.Message);
            throw new DependencyUnavailableException(Dependency, exception);
        }
    }

    /// <summary>Anything but the caller leaving: the store did not do what was asked, and a retry later may work.</summary>
    private static bool IsUnavailable(Exception exception, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested, // a timeout, not the caller leaving
        // AmazonServiceException covers every error S3 answers (AccessDenied, InvalidAccessKeyId, NoSuchBucket, SlowDown,
        // InternalError): none of them is the client's mistake. TimeoutException: the SDK's own timeout on a hung call.
        // XmlException: an answer the SDK could not read, which is the store's fault whatever was asked.
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException or XmlException => true,
        _ => false,
    };

    public static StoredImage ToStoredImage(S3Object s3Object, string filename) =>
        new(s3Object.Key, filename, s3Object.Size ?? 0, ContentType: null, ToOffset(s3Object.LastModified), s3Object.ETag);

    private static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue;
}
