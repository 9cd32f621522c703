using System.Net;
using Amazon.S3;

namespace CleanShop.IntegrationTests.Support;

/// <summary>The fault proxy itself: signed requests pass through untouched, and an injected fault is what the client sees.</summary>
public sealed class S3FaultProxyTests
{
    [Fact]
    public async Task Signed_requests_pass_through_the_proxy_and_an_injected_error_reaches_the_client_as_that_S3_error()
    {
        TestComponents.EnsureRunning();
        await using var proxy = await S3FaultProxy.StartAsync();
        using var s3 = CleanShopApiFactory.CreateS3Client(proxy.Url);
        var bucket = TestIsolation.CreateNew().Bucket;

        await s3.PutBucketAsync(bucket);
        await s3.PutObjectAsync(new() { BucketName = bucket, Key = "1/a.txt", ContentBody = "hello" });
        var listed = await s3.ListObjectsV2Async(new() { BucketName = bucket, Prefix = "1/" });
        Assert.Equal(["1/a.txt"], listed.S3Objects.Select(o => o.Key));

        proxy.Inject(S3Fault.Error(503, "SlowDown"), S3Operations.IsList);
        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new() { BucketName = bucket }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("SlowDown", refused.ErrorCode);
        // Only the chosen operation is faulted.
        var head = await s3.GetObjectMetadataAsync(bucket, "1/a.txt");
        Assert.Equal(5, head.ContentLength);
    }
}
