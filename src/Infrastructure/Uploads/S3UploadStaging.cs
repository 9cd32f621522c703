using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Hashing;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Infrastructure.Images;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Uploads;

/// <summary>
/// Direct uploads staged in the image bucket under <c>uploads/{uploadId}</c>, a prefix no product id can have, so the
/// sweep and every listing pass over them. The presigned POST policy (AWSSDK.S3 builds and signs it) binds the key, the
/// size range and the metadata fields exactly: S3 refuses a post that changes any of them.
/// </summary>
internal sealed class S3UploadStaging(IAmazonS3 s3, IOptions<ImageOptions> options, CatalogMetrics metrics, ILogger<S3UploadStaging> logger) : IImageUploadStaging
{
    public const string Prefix = "uploads/";
    private const string Dependency = "Object storage";
    // User metadata is ASCII in S3: the file name travels percent-encoded.
    private const string ProductIdField = "x-amz-meta-product-id", FilenameField = "x-amz-meta-filename",
        Sha256Field = "x-amz-meta-declared-sha256", OverwriteField = "x-amz-meta-overwrite";

    private readonly ImageOptions _options = options.Value;

    public static string KeyOf(string uploadId) => Prefix + uploadId;

    public StagedUploadForm CreateForm(StagedUploadTicket ticket)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ProductIdField] = ticket.ProductId.ToString(CultureInfo.InvariantCulture),
            [FilenameField] = Uri.EscapeDataString(ticket.Filename),
            [OverwriteField] = ticket.Overwrite ? "true" : "false",
        };
        if (ticket.Sha256 is { } sha256)
            fields[Sha256Field] = sha256;

        var request = new CreatePresignedPostRequest
        {
            BucketName = _options.BucketName,
            Key = KeyOf(ticket.UploadId),
            Expires = ticket.ExpiresAt.UtcDateTime,
            Fields = new Dictionary<string, string>(fields),
            Conditions = [S3PostCondition.ContentLengthRange(1, ticket.MaxBytes), .. fields.Select(f => S3PostCondition.ExactMatch(f.Key, f.Value))],
        };
        var form = s3.CreatePresignedPost(request);
        // The SDK writes an https URL for an http endpoint (the emulator's); the POST goes where the other requests go.
        var url = _options.ServiceUrl is { } serviceUrl && serviceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && form.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? "http://" + form.Url["https://".Length..]
            : form.Url;
        return new StagedUploadForm(url, form.Fields, ticket.ExpiresAt);
    }

    public Task<StagedUpload?> FindAsync(string uploadId, CancellationToken cancellationToken) => CallAsync("HeadObject", uploadId, async ct =>
    {
        metrics.S3Request("HeadObject", background: false);
        GetObjectMetadataResponse head;
        try
        {
            head = await s3.GetObjectMetadataAsync(_options.BucketName, KeyOf(uploadId), ct);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        // Only a post through a policy of ours carries all of these; anything else under the prefix is nobody's upload.
        var metadata = head.Metadata;
        if (!int.TryParse(metadata[ProductIdField], NumberStyles.None, CultureInfo.InvariantCulture, out var productId) || metadata[FilenameField] is not { Length: > 0 } filename)
            return null;
        return new StagedUpload(uploadId, productId, Uri.UnescapeDataString(filename), head.ContentLength,
            ContentSha256.Parse(metadata[Sha256Field]), metadata[OverwriteField] == "true",
            new DateTimeOffset(DateTime.SpecifyKind(head.LastModified?.ToUniversalTime() ?? DateTime.MinValue, DateTimeKind.Utc)));
    }, cancellationToken);

    public Task<TemporaryFile> DownloadAsync(string uploadId, CancellationToken cancellationToken) => CallAsync("GetObject", uploadId, async ct =>
    {
        metrics.S3Request("GetObject", background: false);
        using var response = await s3.GetObjectAsync(_options.BucketName, KeyOf(uploadId), ct);
        var file = new TemporaryFile(Path.GetTempFileName());
        try
        {
            await using (var copy = new FileStream(file.Path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                await response.ResponseStream.CopyToAsync(copy, ct);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }, cancellationToken);

    public Task DeleteAsync(string uploadId, CancellationToken cancellationToken) => CallAsync("DeleteObject", uploadId, async ct =>
    {
        metrics.S3Request("DeleteObject", background: false);
        await s3.DeleteObjectAsync(_options.BucketName, KeyOf(uploadId), ct);
        return true;
    }, cancellationToken);

    private async Task<T> CallAsync<T>(string operation, string uploadId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception exception) when (S3ImageStore.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "S3 {Operation} of staged upload {UploadId} in bucket {Bucket} failed: {Reason}", operation, uploadId, _options.BucketName, exception.Message);
            throw new DependencyUnavailableException(Dependency, exception);
        }
    }
}
