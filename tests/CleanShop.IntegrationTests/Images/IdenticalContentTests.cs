using System.Security.Cryptography;
using Amazon.S3.Model;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Images;

/// <summary>
/// "Identical" is the same SHA-256, which the service stores with every object it writes; objects another tool
/// wrote (a second S3 client here) are never judged by their ETag, which is no content hash for multipart or SSE-KMS objects.
/// </summary>
public sealed class IdenticalContentTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>, IDisposable
{
    private readonly HttpClient _admin = api.CreateAdminClient();
    private readonly TempFolder _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task An_upload_through_the_API_stores_the_contents_SHA_256_as_object_metadata()
    {
        var id = await _admin.CreateProductAsync();

        using var upload = await _admin.UploadAsync(id, ("front.png", TestImages.Png));

        Assert.Equal(System.Net.HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(Sha256(TestImages.Png), (await HeadAsync(id, "front.png")).Metadata["x-amz-meta-sha256"]);
    }

    [Fact]
    public async Task An_object_another_tool_put_with_the_same_bytes_but_no_SHA_256_is_refused_as_different_and_overwrite_stores_the_hash()
    {
        var id = await _admin.CreateProductAsync();
        var bytes = TestImages.PngOfSize(300);
        using (var s3 = CleanShopApiFactory.CreateS3Client())
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = api.Isolation.Bucket, Key = $"{id}/a.png", InputStream = new MemoryStream(bytes) });
#pragma warning disable CA5351 // the premise: this ETag is the MD5 of the bytes, which the old comparison took as "identical"
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), (await HeadAsync(id, "a.png")).ETag.Trim('"'));
#pragma warning restore CA5351
        var file = _files.Write("a.png", bytes);

        var refused = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--images", file);
        var replaced = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--images", file, "--overwrite");
        var again = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--images", file);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Equal($"error: Product {id} has an image 'a.png' already, with other bytes. Use --overwrite to replace it.", refused.ErrorLines[0]);
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Equal($"uploaded {id}/a.png", replaced.OutputLines[0]);
        Assert.Equal(Sha256(bytes), (await HeadAsync(id, "a.png")).Metadata["x-amz-meta-sha256"]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal($"skipped (identical) {id}/a.png", again.OutputLines[0]);
    }

    [Fact]
    public async Task An_object_whose_ETag_is_no_MD5_but_whose_stored_SHA_256_matches_is_skipped_as_identical()
    {
        await using var proxy = await S3FaultProxy.StartAsync();
        proxy.RewriteETag = etag => $"\"{etag.Trim('"')}-2\"";
        await using var behindProxy = new CleanShopApiFactory();
        behindProxy.Settings["ImageStorage:ServiceUrl"] = proxy.Url;
        await behindProxy.InitializeAsync();
        var id = await behindProxy.CreateAdminClient().CreateProductAsync();
        var bytes = TestImages.PngOfSize(400);
        await PutWithSha256Async(behindProxy.Isolation.Bucket, id, "b.png", bytes, Sha256(bytes));
        using (var viaProxy = CleanShopApiFactory.CreateS3Client(proxy.Url)) // the premise: what the service sees is a multipart ETag
            Assert.EndsWith("-2\"", (await viaProxy.GetObjectMetadataAsync(behindProxy.Isolation.Bucket, $"{id}/b.png")).ETag, StringComparison.Ordinal);
        var file = _files.Write("b.png", bytes);
        var requestsBefore = proxy.Requests;

        var dryRun = await CleanShopCli.RunAsync(behindProxy, "images", "upload", "--product-id", $"{id}", "--images", file, "--dry-run");
        var rerun = await CleanShopCli.RunAsync(behindProxy, "images", "upload", "--product-id", $"{id}", "--images", file);

        Assert.True(proxy.Requests > requestsBefore, "the command line did not go through the stand-in");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Equal($"would skip (identical) {id}/b.png", dryRun.OutputLines[0]);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal([$"skipped (identical) {id}/b.png", "0 uploaded, 1 skipped (identical), 0 skipped (not an image)"], rerun.OutputLines);
    }

    [Fact]
    public async Task A_command_line_upload_asks_S3_about_each_file_once_and_a_rerun_sends_no_byte_again()
    {
        await using var proxy = await S3FaultProxy.StartAsync();
        await using var behindProxy = new CleanShopApiFactory();
        behindProxy.Settings["ImageStorage:ServiceUrl"] = proxy.Url;
        await behindProxy.InitializeAsync();
        var id = await behindProxy.CreateAdminClient().CreateProductAsync();
        using var folder = new TempFolder();
        for (var i = 1; i <= 3; i++)
            folder.Write($"toy-{i}.png", TestImages.PngOfSize(300 + i));
        string[] upload = ["images", "upload", "--product-id", $"{id}", "--image-dir", folder.Path];

        var (headsBefore, putsBefore) = (proxy.RequestsOf("HEAD"), proxy.RequestsOf("PUT"));
        var first = await CleanShopCli.RunAsync(behindProxy, upload);
        var (headsFirst, putsFirst) = (proxy.RequestsOf("HEAD") - headsBefore, proxy.RequestsOf("PUT") - putsBefore);
        var rerun = await CleanShopCli.RunAsync(behindProxy, upload);
        var (headsRerun, putsRerun) = (proxy.RequestsOf("HEAD") - headsBefore - headsFirst, proxy.RequestsOf("PUT") - putsBefore - putsFirst);

        Assert.True(first.ExitCode == 0 && rerun.ExitCode == 0, $"{first}\n{rerun}");
        Assert.Equal("0 uploaded, 3 skipped (identical), 0 skipped (not an image)", rerun.OutputLines[^1]);
        // One plan for the whole upload: one HEAD per file (a check run before the command used to ask twice).
        Assert.Equal((3, 3), (headsFirst, putsFirst));
        Assert.Equal((3, 0), (headsRerun, putsRerun));
    }

    [Fact]
    public async Task An_object_of_the_same_size_whose_stored_SHA_256_differs_is_replaced_with_overwrite_not_skipped()
    {
        var id = await _admin.CreateProductAsync();
        var bytes = TestImages.PngOfSize(500);
        var other = TestImages.PngOfSize(500);
        other[^1] ^= 0xFF;
        await PutWithSha256Async(api.Isolation.Bucket, id, "c.png", other, Sha256(other));
        var file = _files.Write("c.png", bytes);

        var dryRun = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--images", file, "--overwrite", "--dry-run");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Equal($"would replace {id}/c.png (image/png)", dryRun.OutputLines[0]);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<GetObjectMetadataResponse> HeadAsync(int id, string filename)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        return await s3.GetObjectMetadataAsync(api.Isolation.Bucket, $"{id}/{filename}");
    }

    /// <summary>A second S3 client writes the object with the metadata this service would have stored.</summary>
    private static async Task PutWithSha256Async(string bucket, int id, string filename, byte[] bytes, string sha256)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        var request = new PutObjectRequest { BucketName = bucket, Key = $"{id}/{filename}", InputStream = new MemoryStream(bytes), ContentType = "image/png" };
        request.Metadata.Add("x-amz-meta-sha256", sha256);
        await s3.PutObjectAsync(request);
    }
}
