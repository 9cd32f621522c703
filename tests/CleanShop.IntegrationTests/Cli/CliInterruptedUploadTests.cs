using System.Security.Cryptography;
using Amazon.S3.Model;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Cli;

/// <summary>S3 stops half-way through a folder upload, then comes back: the same command finishes the job.</summary>
public sealed class CliInterruptedUploadTests
{
    [Fact]
    public async Task S3_stopping_half_way_leaves_whole_files_reports_what_landed_and_the_same_command_finishes_without_duplicates()
    {
        await using var api = new CleanShopApiFactory();
        await using var s3 = await EphemeralServer.StartS3EmulatorAsync(api.Isolation.Bucket);
        api.UsePrivateS3(s3);
        await api.InitializeDatabaseOnlyAsync();
        var id = await api.CreateAdminClient().CreateProductAsync();
        using var folder = new TempFolder();
        var bytes = Enumerable.Range(1, 5).ToDictionary(i => $"toy-{i}.png", i => TestImages.PngOfSize(100 + i));
        foreach (var (name, content) in bytes)
            folder.Write(name, content);
        string[] upload = ["images", "upload", "--product-id", $"{id}", "--image-dir", folder.Path];

        // S3 goes away the moment the CLI reports the second file: the third is never sent whole.
        var reported = 0;
        var output = new LineWatchingWriter(line =>
        {
            if (line.StartsWith("uploaded ", StringComparison.Ordinal) && ++reported == 2)
                s3.StopAsync().GetAwaiter().GetResult();
        });
        var interrupted = await CleanShopCli.RunAsync(api.Settings, upload, output);

        Assert.True(interrupted.ExitCode == 1, interrupted.ToString());
        Assert.Equal([$"uploaded {id}/toy-1.png", $"uploaded {id}/toy-2.png"], interrupted.OutputLines);
        Assert.Contains("error: Object storage is unavailable right now; try again shortly.", interrupted.ErrorLines);
        Assert.Contains(
            $"error: 2 of 5 images are stored (uploaded now: {id}/toy-1.png, {id}/toy-2.png); not uploaded: {id}/toy-3.png, {id}/toy-4.png, {id}/toy-5.png. Run the same command again to finish: stored images are skipped.",
            interrupted.ErrorLines);
        Assert.DoesNotContain("   at ", interrupted.Error, StringComparison.Ordinal);

        await s3.StartAsync();
        Assert.Equal(["toy-1.png", "toy-2.png"], (await StoredAsync()).Keys);

        var rerun = await CleanShopCli.RunAsync(api.Settings, upload);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(
        [
            $"skipped (identical) {id}/toy-1.png",
            $"skipped (identical) {id}/toy-2.png",
            $"uploaded {id}/toy-3.png",
            $"uploaded {id}/toy-4.png",
            $"uploaded {id}/toy-5.png",
            "3 uploaded, 2 skipped (identical), 0 skipped (not an image)",
        ], rerun.OutputLines);
        var stored = await StoredAsync();
        Assert.Equal(bytes.Keys.Order(StringComparer.Ordinal), stored.Keys);
#pragma warning disable CA5351 // S3's ETag of a single-part upload is the MD5 of its bytes: it identifies content here
        foreach (var (name, content) in bytes)
            Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), stored[name]); // each object whole, byte for byte
#pragma warning restore CA5351

        async Task<SortedDictionary<string, string>> StoredAsync()
        {
            using var client = CleanShopApiFactory.CreateS3Client($"http://127.0.0.1:{s3.Port}");
            var response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = api.Isolation.Bucket });
            return new SortedDictionary<string, string>(
                (response.S3Objects ?? []).ToDictionary(o => o.Key[$"{id}/".Length..], o => o.ETag.Trim('"')), StringComparer.Ordinal);
        }
    }
}
