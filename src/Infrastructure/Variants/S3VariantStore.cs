using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Domain.Products;
using CleanShop.Infrastructure.Images;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Variants;

/// <summary>A variant object as a listing shows it.</summary>
internal sealed record StoredVariant(string Key, int ProductId, string Filename, string Name, DateTimeOffset LastModified, string? ETag);

/// <summary>What a variant's metadata says: its size, and the ETag of the original it was made from.</summary>
internal sealed record VariantFacts(int Width, int Height, string OriginalETag);

/// <summary>An original downloaded for processing, with what names it: its ETag and, when the API stored it, its SHA-256.</summary>
internal sealed record DownloadedOriginal(TemporaryFile File, string ETag, string? Sha256, DateTimeOffset LastModified) : IDisposable
{
    /// <summary>What a variant's metadata says it was made from: the content's SHA-256, else the ETag.</summary>
    public string Source => Sha256 ?? ETag;

    public void Dispose() => File.Dispose();
}

/// <summary>The variants' S3 calls, counted with the path "variants": never on a request's path.</summary>
internal sealed class S3VariantStore(IAmazonS3 s3, IOptions<ImageOptions> images, IOptions<ImageVariantOptions> variants, IOptions<ImageUploadOptions> uploads, CatalogMetrics metrics)
{
    public const string SourceMetadata = "x-amz-meta-source";
    public const string WidthMetadata = "x-amz-meta-width";
    public const string HeightMetadata = "x-amz-meta-height";
    public const string OriginalETagMetadata = "x-amz-meta-original-etag";
    private const string Path = "variants";
    private readonly Protocol _presignProtocol = images.Value.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;

    private string ImagesBucket => images.Value.BucketName;

    /// <summary>Where the variants live: their own bucket, or the images' one.</summary>
    public string Bucket => variants.Value.Bucket ?? images.Value.BucketName;

    /// <summary>Whether the sweep's listing of the images' bucket already holds the variants.</summary>
    public bool SharesImagesBucket => Bucket == ImagesBucket;

    public async IAsyncEnumerable<StoredVariant> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, MaxKeys = images.Value.ListPageSize };
        do
        {
            metrics.S3Request("ListObjectsV2", Path);
            var response = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var o in response.S3Objects ?? [])
            {
                if (Parse(o) is { } variant)
                    yield return variant;
            }

            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    public static StoredVariant? Parse(S3Object o) =>
        VariantKey.TryParse(o.Key, out var productId, out var filename, out var name)
            ? new StoredVariant(o.Key, productId, filename, name, ToOffset(o.LastModified), o.ETag) : null;

    /// <summary>The original's ETag and what its variants name it by (<see cref="DownloadedOriginal.Source"/>) now, or null once it is gone.</summary>
    public async Task<(string ETag, string Source, long Size)?> HeadOriginalAsync(int productId, string filename, CancellationToken cancellationToken)
    {
        metrics.S3Request("HeadObject", Path);
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(ImagesBucket, OriginalKey(productId, filename), cancellationToken);
            return (metadata.ETag, Sha256Of(metadata.Metadata) ?? metadata.ETag, metadata.ContentLength);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The original a variant names, or null when it is gone.</summary>
    public async Task<string?> SourceOfAsync(string variantKey, CancellationToken cancellationToken)
    {
        metrics.S3Request("HeadObject", Path);
        try
        {
            return (await s3.GetObjectMetadataAsync(Bucket, variantKey, cancellationToken)).Metadata[SourceMetadata];
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string? Sha256Of(MetadataCollection metadata) => metadata["x-amz-meta-sha256"] is { Length: 64 } sha ? sha : null;

    /// <summary>The original, to a file of its own; null once it is gone. One larger than an upload may be (replaced since it was asked about) is refused unread.</summary>
    public async Task<DownloadedOriginal?> DownloadOriginalAsync(int productId, string filename, CancellationToken cancellationToken)
    {
        metrics.S3Request("GetObject", Path);
        GetObjectResponse response;
        try
        {
            response = await s3.GetObjectAsync(ImagesBucket, OriginalKey(productId, filename), cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        using (response)
        {
            if (response.ContentLength > uploads.Value.MaxFileBytes)
                throw new VariantFailedException($"the original holds {response.ContentLength} bytes; ImageUpload:MaxFileBytes is {uploads.Value.MaxFileBytes}");
            var file = new TemporaryFile(System.IO.Path.GetTempFileName());
            try
            {
                await using (var copy = new FileStream(file.Path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                    await response.ResponseStream.CopyToAsync(copy, cancellationToken);
                return new DownloadedOriginal(file, response.ETag, Sha256Of(response.Metadata), ToOffset(response.LastModified));
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
    }

    /// <returns>The variant's ETag.</returns>
    public async Task<string> PutAsync(int productId, string filename, MadeVariant variant, DownloadedOriginal original, CancellationToken cancellationToken)
    {
        metrics.S3Request("PutObject", Path);
        using var body = new MemoryStream(variant.WebP, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = Bucket, Key = VariantKey.Of(productId, filename, variant.Name), InputStream = body, AutoCloseStream = false,
            ContentType = "image/webp",
        };
        request.Metadata.Add(SourceMetadata, original.Source);
        request.Metadata.Add(OriginalETagMetadata, original.ETag);
        request.Metadata.Add(WidthMetadata, variant.Width.ToString(CultureInfo.InvariantCulture));
        request.Metadata.Add(HeightMetadata, variant.Height.ToString(CultureInfo.InvariantCulture));
        return (await s3.PutObjectAsync(request, cancellationToken)).ETag;
    }

    /// <summary>The variant's metadata, or null when it is gone (or was not written by this service).</summary>
    public async Task<VariantFacts?> FactsAsync(string key, CancellationToken cancellationToken)
    {
        metrics.S3Request("HeadObject", Path);
        try
        {
            var metadata = (await s3.GetObjectMetadataAsync(Bucket, key, cancellationToken)).Metadata;
            return int.TryParse(metadata[WidthMetadata], CultureInfo.InvariantCulture, out var width) && int.TryParse(metadata[HeightMetadata], CultureInfo.InvariantCulture, out var height)
                && metadata[OriginalETagMetadata] is { Length: > 0 } originalETag ? new VariantFacts(width, height, originalETag) : null;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A presigned GET URL, as the originals' are; no request is sent.</summary>
    public ProductImageVariant Sign(StoredVariant variant, VariantFacts facts, TimeSpan lifetime)
    {
        metrics.Presigned();
        var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = Bucket, Key = variant.Key, Verb = HttpVerb.GET, Expires = DateTime.UtcNow + lifetime, Protocol = _presignProtocol });
        return new ProductImageVariant(variant.Name, url, facts.Width, facts.Height, S3ImageStore.ReadExpiry(url));
    }

    public async Task DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(1000))
        {
            metrics.S3Request("DeleteObjects", Path);
            await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = Bucket, Objects = [.. batch.Select(k => new KeyVersion { Key = k })], Quiet = true }, cancellationToken);
        }
    }

    /// <summary>Every variant under <paramref name="prefix"/> (an original's, a product's).</summary>
    public async Task DeleteUnderAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var variant in ListAsync(prefix, cancellationToken))
            keys.Add(variant.Key);
        if (keys.Count > 0)
            await DeleteAsync(keys, cancellationToken);
    }

    private static string OriginalKey(int productId, string filename) => $"{productId.ToString(CultureInfo.InvariantCulture)}/{filename}";

    private static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue;
}
