using Amazon.S3;
using Amazon.S3.Model;
using CleanShop.Infrastructure.Images;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.HealthChecks;

/// <summary>Ready when the bucket can be listed: the endpoint answers, the credentials and the bucket are right.</summary>
internal sealed class S3HealthCheck(IAmazonS3 s3, IOptions<ImageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Value.BucketName, MaxKeys = 1 }, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Bucket {options.Value.BucketName} cannot be listed", exception);
        }
    }
}
