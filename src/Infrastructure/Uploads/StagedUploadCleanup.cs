using Amazon.S3;
using Amazon.S3.Model;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Infrastructure.Images;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Uploads;

/// <summary>
/// Deletes staged direct uploads never completed, once older than <see cref="ImageUploadOptions.StagedLifetime"/>, every
/// quarter of that lifetime (so none outlives it by more than a quarter), the first time a quarter after start: an
/// instance that starts lists nothing more than the sweep. Every instance may run it: deleting is idempotent, and
/// the prefix holds few objects. On AWS an S3
/// lifecycle rule on <c>uploads/</c> does the same (README); this keeps the emulator and buckets without one clean.
/// </summary>
internal sealed class StagedUploadCleanup(
    IAmazonS3 s3, IOptions<ImageOptions> images, IOptions<ImageUploadOptions> uploads, TimeProvider clock,
    CatalogMetrics metrics, ILogger<StagedUploadCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = uploads.Value.StagedLifetime / 4;
        using var timer = new PeriodicTimer(period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
        {
            try
            {
                metrics.StagedUploadsRemoved(await RemoveExpiredAsync(stoppingToken));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                metrics.StagedUploadCleanupFailed();
                logger.LogWarning(exception, "Removing expired staged uploads failed; trying again in {Interval}", period);
            }
        }
    }

    private async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - uploads.Value.StagedLifetime;
        var request = new ListObjectsV2Request { BucketName = images.Value.BucketName, Prefix = S3UploadStaging.Prefix, MaxKeys = images.Value.ListPageSize };
        var removed = 0;
        do
        {
            metrics.S3Request("ListObjectsV2", background: true);
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            var expired = (page.S3Objects ?? []).Where(o => o.LastModified is { } modified && new DateTimeOffset(modified.ToUniversalTime()) < cutoff).ToList();
            if (expired.Count > 0)
            {
                metrics.S3Request("DeleteObjects", background: true);
                await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = images.Value.BucketName, Objects = [.. expired.Select(o => new KeyVersion { Key = o.Key })], Quiet = true }, cancellationToken);
                removed += expired.Count;
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        if (removed > 0)
            logger.LogInformation("Removed {Count} staged uploads older than {Lifetime}", removed, uploads.Value.StagedLifetime);
        return removed;
    }
}
