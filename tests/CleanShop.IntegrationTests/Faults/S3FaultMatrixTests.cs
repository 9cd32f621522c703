using System.Diagnostics;
using System.Net;
using CleanShop.IntegrationTests.Support;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Faults;

/// <summary>
/// S3 failing in every way it can, through a fault proxy in front of the real emulator (one 1 s attempt per
/// request): uploads and deletes answer 503 problem details with Retry-After, nothing answers 500, reads answer
/// 200, and the service heals by itself when S3 does.
/// </summary>
public sealed class S3FaultMatrixTests(S3FaultMatrixTests.ApiBehindProxy stack, ITestOutputHelper output) : IClassFixture<S3FaultMatrixTests.ApiBehindProxy>
{
    /// <summary>One API behind one proxy for the whole matrix; the cases run one after another.</summary>
    public sealed class ApiBehindProxy : IAsyncLifetime
    {
        public S3FaultProxy Proxy { get; private set; } = null!;
        public CleanShopApiFactory Api { get; } = new();

        public async Task InitializeAsync()
        {
            Proxy = await S3FaultProxy.StartAsync();
            Api.UsePrivateS3(Proxy.Url);
            Api.Settings["ImageCache:FailureCacheDuration"] = "00:00:01";
            await Api.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Api.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }

    public static TheoryData<string> Faults() => ["500 InternalError", "503 SlowDown", "403 InvalidAccessKeyId", "403 AccessDenied", "404 NoSuchBucket", "connection reset", "hang"];

    private static S3Fault FaultNamed(string name) => name switch
    {
        "connection reset" => S3Fault.Reset,
        "hang" => S3Fault.Hang,
        _ => S3Fault.Error(int.Parse(name[..3], System.Globalization.CultureInfo.InvariantCulture), name[4..]),
    };

    [Fact]
    public async Task While_S3_answers_listings_no_XML_reader_accepts_a_cold_read_answers_200_degraded_and_an_upload_503()
    {
        using var admin = stack.Api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("a.png", TestImages.Png))).StatusCode);
        await admin.DeleteAsync($"/api/products/{id}/image-cache"); // cold: the next read lists the product's objects

        stack.Proxy.Inject(S3Fault.Unreadable, S3Operations.IsList);
        try
        {
            var read = await stack.Api.CreateClient().GetAsync($"/api/products/{id}");
            var upload = await admin.UploadAsync(id, ("b.png", TestImages.Png));

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("true", read.Headers.GetValues("X-Images-Degraded").Single());
            // The object went in; the listing after it could not be read: the store failed, not the client.
            await upload.AssertProblemAsync(503);
            Assert.NotNull(upload.Headers.RetryAfter);
        }
        finally
        {
            stack.Proxy.Heal();
        }
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task While_S3_fails_uploads_and_deletes_answer_503_with_Retry_After_and_the_service_heals_when_S3_does(string fault)
    {
        using var admin = stack.Api.CreateAdminClient();
        using var client = stack.Api.CreateClient();
        var id = await admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("a.png", TestImages.Png))).StatusCode);
        await admin.DeleteAsync($"/api/products/{id}/image-cache"); // cold: the next read must ask S3

        stack.Proxy.Inject(FaultNamed(fault));
        try
        {
            var clock = Stopwatch.StartNew();
            var read = await client.GetAsync($"/api/products/{id}");
            var readTime = clock.Elapsed;
            clock.Restart();
            var upload = await admin.UploadAsync(id, ("b.png", TestImages.Png));
            var uploadTime = clock.Elapsed;
            var delete = await admin.DeleteAsync($"/api/products/{id}/images/a.png");
            output.WriteLine($"| {fault} | {(int)read.StatusCode}{(read.Headers.Contains("X-Images-Degraded") ? " degraded" : "")} in {readTime.TotalSeconds:0.0} s | upload {(int)upload.StatusCode} in {uploadTime.TotalSeconds:0.0} s, Retry-After {upload.Headers.RetryAfter}; delete {(int)delete.StatusCode}, Retry-After {delete.Headers.RetryAfter} |");

            // Reads: the product without images, flagged degraded, within a few one-second S3 attempts.
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("true", read.Headers.GetValues("X-Images-Degraded").Single());
            Assert.True(readTime < TimeSpan.FromSeconds(5), $"read took {readTime}");
            await upload.AssertProblemAsync(503);
            Assert.NotNull(upload.Headers.RetryAfter);
            // A missing bucket too: the HEAD's 404 is checked with a listing, which names NoSuchBucket.
            await delete.AssertProblemAsync(503);
            Assert.NotNull(delete.Headers.RetryAfter);
        }
        finally
        {
            stack.Proxy.Heal();
        }

        // S3 is back: writes work at once, reads show the images again by themselves.
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("b.png", TestImages.Png))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/products/{id}/images/a.png")).StatusCode);
        Assert.Equal(["b.png"], (await client.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
    }
}
