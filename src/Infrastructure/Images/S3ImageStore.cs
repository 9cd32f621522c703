using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Web;
using System.Xml;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Hashing;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Images;
using CleanShop.Domain.Products;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Images;

/// <summary>What the image cache needs of the bucket: an interface so that the cache policy can be unit-tested over a counting store.</summary>
internal interface IImageStore
{
    /// <summary>The image objects directly under the product's prefix, ordered by key.</summary>
    Task<IReadOnlyList<StoredImage>> ListProductAsync(int productId, bool background, CancellationToken cancellationToken);
    /// <summary>The whole bucket, page by page, as product images (other keys left out).</summary>
    IAsyncEnumerable<IReadOnlyList<(int ProductId, StoredImage Image)>> ListBucketAsync(CancellationToken cancellationToken);
    /// <summary>A presigned GET URL, valid for about <paramref name="lifetime"/>; no request is sent.</summary>
    ProductImage Sign(StoredImage image, TimeSpan lifetime);
    Task<StoredImage?> HeadAsync(int productId, string filename, CancellationToken cancellationToken);
    Task PutAsync(int productId, string filename, Stream content, string contentType, string? sha256, CancellationToken cancellationToken);
    /// <summary>A server-side copy of <paramref name="sourceKey"/> (in the same bucket) to the product's prefix, its metadata replaced.</summary>
    Task CopyAsync(string sourceKey, int productId, string filename, string contentType, string sha256, CancellationToken cancellationToken);
    Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken);
    /// <summary>Nested keys too: nothing may be left for a later product with this id.</summary>
    Task DeleteAllAsync(int productId, CancellationToken cancellationToken);
}

/// <summary>The bucket, one prefix per product: plain S3 calls, each counted, every failure turned into the one exception the Application understands.</summary>
internal sealed partial class S3ImageStore(IAmazonS3 s3, IOptions<ImageOptions> options, CatalogMetrics metrics, ILogger<S3ImageStore> logger) : IImageStore
{
    private const string Dependency = "Object storage";
    /// <summary>User metadata: the content's SHA-256, in lowercase hex, which is what "identical" is judged by (an ETag is no content hash for multipart or SSE-KMS objects).</summary>
    private const string Sha256Metadata = "x-amz-meta-sha256";

    private readonly ImageOptions _options = options.Value;
    private readonly Protocol _presignProtocol = options.Value.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;

    /// <summary>The slash matters: "1" would also match product 10's objects.</summary>
    private static string Prefix(int productId) => $"{productId}/";

    public Task<IReadOnlyList<StoredImage>> ListProductAsync(int productId, bool background, CancellationToken cancellationToken) =>
        CallAsync("ListObjectsV2", productId, async ct =>
        {
            var images = new List<StoredImage>();
            await foreach (var page in ListPagesAsync(Prefix(productId), delimiter: "/", background, ct))
                images.AddRange(ProductImages(page).Where(p => p.ProductId == productId).Select(p => p.Image));
            images.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return (IReadOnlyList<StoredImage>)images;
        }, cancellationToken);

    /// <summary>
    /// Failures are not translated here: the sweep logs and counts them itself. Keys are listed in byte order, and every
    /// product key starts with a digit: the listing ends at the first page that reaches past them (into <c>uploads/</c>
    /// and <c>variants/</c>, which are listed on their own).
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<(int ProductId, StoredImage Image)>> ListBucketAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in ListPagesAsync(prefix: null, delimiter: null, background: true, cancellationToken))
        {
            yield return [.. ProductImages(page)];
            if (page.Count > 0 && page[^1].Key[0] > '9')
                yield break;
        }
    }

    public Task<StoredImage?> HeadAsync(int productId, string filename, CancellationToken cancellationToken) =>
        CallAsync("HeadObject", productId, async ct =>
        {
            metrics.S3Request("HeadObject", background: false);
            var key = Prefix(productId) + filename;
            try
            {
                var metadata = await s3.GetObjectMetadataAsync(_options.BucketName, key, ct);
                return new StoredImage(key, filename, metadata.ContentLength, metadata.Headers.ContentType,
                    ToOffset(metadata.LastModified), metadata.ETag, ContentSha256.Parse(metadata.Metadata[Sha256Metadata]));
            }
            catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode != "NoSuchBucket")
            {
                // A HEAD answer has no body, so a missing bucket looks like a missing key; a one-key listing says NoSuchBucket (503).
                metrics.S3Request("ListObjectsV2", background: false);
                await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _options.BucketName, Prefix = key, MaxKeys = 1 }, ct);
                return null;
            }
        }, cancellationToken);

    public Task PutAsync(int productId, string filename, Stream content, string contentType, string? sha256, CancellationToken cancellationToken) =>
        CallAsync("PutObject", productId, async ct =>
        {
            metrics.S3Request("PutObject", background: false);
            await using var buffered = content.CanSeek ? null : await BufferAsync(content, ct);
            var body = buffered ?? content;
            var start = body.Position;
            sha256 ??= await ContentSha256.ComputeAsync(body, ct);
            body.Position = start;
            var request = new PutObjectRequest { BucketName = _options.BucketName, Key = Prefix(productId) + filename, InputStream = body, AutoCloseStream = false, ContentType = contentType };
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

    public Task CopyAsync(string sourceKey, int productId, string filename, string contentType, string sha256, CancellationToken cancellationToken) =>
        CallAsync("CopyObject", productId, async ct =>
        {
            metrics.S3Request("CopyObject", background: false);
            var request = new CopyObjectRequest
            {
                SourceBucket = _options.BucketName, SourceKey = sourceKey, DestinationBucket = _options.BucketName, DestinationKey = Prefix(productId) + filename,
                ContentType = contentType, MetadataDirective = S3MetadataDirective.REPLACE,
            };
            request.Metadata.Add(Sha256Metadata, sha256);
            await s3.CopyObjectAsync(request, ct);
            return true;
        }, cancellationToken);

    public Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken) =>
        CallAsync("DeleteObject", productId, async ct =>
        {
            metrics.S3Request("DeleteObject", background: false);
            await s3.DeleteObjectAsync(_options.BucketName, Prefix(productId) + filename, ct);
            return true;
        }, cancellationToken);

    public Task DeleteAllAsync(int productId, CancellationToken cancellationToken) =>
        CallAsync("DeleteObjects", productId, async ct =>
        {
            // A page holds at most 1,000 keys, as many as one DeleteObjects takes.
            await foreach (var page in ListPagesAsync(Prefix(productId), delimiter: null, background: false, ct))
            {
                if (page.Count > 0)
                    await DeleteBatchAsync([.. page.Select(o => new KeyVersion { Key = o.Key })], ct);
            }

            return true;
        }, cancellationToken);

    /// <summary>The expiry is read back from what was signed: the SDK signs with its own clock and rounds, and the announced one must not be later.</summary>
    public ProductImage Sign(StoredImage image, TimeSpan lifetime)
    {
        metrics.Presigned();
        var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = _options.BucketName, Key = image.Key, Verb = HttpVerb.GET, Expires = DateTime.UtcNow + lifetime, Protocol = _presignProtocol });
        return new ProductImage(image.Key, image.Filename, url, ReadExpiry(url));
    }

    /// <summary>X-Amz-Date (yyyyMMddTHHmmssZ) plus X-Amz-Expires (seconds), both in the URL's query string.</summary>
    public static DateTimeOffset ReadExpiry(string url)
    {
        var query = HttpUtility.ParseQueryString(new Uri(url).Query);
        return DateTimeOffset.ParseExact(query["X-Amz-Date"] ?? "", "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            .AddSeconds(long.Parse(query["X-Amz-Expires"] ?? "", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// How a key names a product image: <c>{productId}/{filename}</c>, the id in canonical digits as the API writes it
    /// ("01/a.png" is not product 1's). Folder markers, nested keys and keys outside any product are not images, nor are
    /// "1/." and "1/..": legal keys, but no URL path names them without a dot segment, so they could never be deleted here.
    /// </summary>
    public static bool TryParseKey(string key, out int productId, out string filename)
    {
        var match = ImageKey().Match(key);
        filename = match.Groups[2].Value;
        productId = 0;
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out productId) && ImageFileName.CanBeStored(filename);
    }

    [GeneratedRegex(@"\A([1-9][0-9]{0,9})/([^/]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImageKey();

    private async IAsyncEnumerable<IReadOnlyList<S3Object>> ListPagesAsync(string? prefix, string? delimiter, bool background, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _options.BucketName, Prefix = prefix, Delimiter = delimiter, MaxKeys = _options.ListPageSize };
        do
        {
            metrics.S3Request("ListObjectsV2", background);
            var response = await s3.ListObjectsV2Async(request, cancellationToken);
            yield return response.S3Objects ?? []; // SDK v4 returns null, not empty, for an empty page
            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    private async Task DeleteBatchAsync(List<KeyVersion> keys, CancellationToken cancellationToken)
    {
        metrics.S3Request("DeleteObjects", background: false);
        var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = _options.BucketName, Objects = keys, Quiet = true }, cancellationToken);
        if (response.DeleteErrors is { Count: > 0 } errors)
            throw new DependencyUnavailableException(Dependency, new InvalidOperationException($"{errors.Count} objects could not be deleted, first: {errors[0].Key} ({errors[0].Code})"));
    }

    /// <summary>Every S3 call goes through here: failures (unreachable, timed out, throttled, refused) are logged with context and turned into one exception.</summary>
    private async Task<T> CallAsync<T>(string operation, int? productId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "S3 {Operation} for product {ProductId} in bucket {Bucket} failed: {Reason}", operation, productId, _options.BucketName, exception.Message);
            throw new DependencyUnavailableException(Dependency, exception);
        }
    }

    /// <summary>Anything but the caller leaving: the store did not do what was asked, and a retry later may work.</summary>
    internal static bool IsUnavailable(Exception exception, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested, // a timeout, not the caller leaving
        // Every error S3 answers (AccessDenied, NoSuchBucket, SlowDown) is none of the client's doing; XmlException: an unreadable answer.
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException or XmlException => true,
        _ => false,
    };

    /// <summary>The page's objects that are product images, with their product.</summary>
    private static IEnumerable<(int ProductId, StoredImage Image)> ProductImages(IReadOnlyList<S3Object> page)
    {
        foreach (var o in page)
        {
            if (TryParseKey(o.Key, out var productId, out var filename))
                yield return (productId, new StoredImage(o.Key, filename, o.Size ?? 0, ContentType: null, ToOffset(o.LastModified), o.ETag));
        }
    }

    private static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue;
}
