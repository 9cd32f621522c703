using System.Diagnostics.Metrics;
using System.Net;
using Amazon.S3;
using CleanShop.Infrastructure.Telemetry;
using CleanShop.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CleanShop.IntegrationTests.Images;

public sealed class StagedUploadCleanupTests
{
    [Fact]
    public async Task A_staged_upload_never_completed_is_removed_once_older_than_ImageUpload_StagedLifetime_and_not_before()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = new CleanShopApiFactory { Clock = clock };
        api.Settings["ImageUpload:StagedLifetime"] = "01:00:00";
        await api.InitializeAsync();
        using var passes = new MetricCollector<long>(api.Services.GetRequiredService<IMeterFactory>(), CatalogMetrics.MeterName, "cleanshop.image_uploads.staged_cleanups");
        using var s3 = CleanShopApiFactory.CreateS3Client();
        // Staged as a browser would leave it (posted, never completed), and one object outside the staging prefix.
        const string staged = "uploads/0123456789abcdef0123456789abcdef";
        await s3.PutObjectAsync(new() { BucketName = api.Isolation.Bucket, Key = staged, ContentBody = "abandoned" });
        await s3.PutObjectAsync(new() { BucketName = api.Isolation.Bucket, Key = "1/front.png", ContentBody = "an image" });

        await PassAsync(TimeSpan.FromMinutes(50));
        Assert.True(await ExistsAsync(staged), "removed before its staged lifetime passed");

        await PassAsync(TimeSpan.FromMinutes(20));
        Assert.False(await ExistsAsync(staged), "kept after its staged lifetime passed");
        Assert.True(await ExistsAsync("1/front.png"));

        async Task PassAsync(TimeSpan advance)
        {
            var before = passes.GetMeasurementSnapshot().Count(m => Equals(m.Tags["result"], "ok"));
            clock.Advance(advance);
            await Eventually.HoldsAsync("a cleanup pass after the clock moved", () => passes.GetMeasurementSnapshot().Count(m => Equals(m.Tags["result"], "ok")) > before, TimeSpan.FromSeconds(30));
        }

        async Task<bool> ExistsAsync(string key)
        {
            try
            {
                await s3.GetObjectMetadataAsync(api.Isolation.Bucket, key);
                return true;
            }
            catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        }
    }
}
