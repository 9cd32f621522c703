using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Faults;

/// <summary>
/// Writes racing on one name: every URL any response hands out points to a whole object (one version's bytes,
/// never a mix or a part), and the end state is what one of the two orders would leave.
/// </summary>
public sealed class ConcurrentWriteTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    private const int Rounds = 12;
    private static readonly byte[] First = Version(100_000, 0x11);
    private static readonly byte[] Second = Version(300_000, 0x22);
    private static readonly HttpClient Storage = new();

    private static byte[] Version(int size, byte fill)
    {
        var bytes = TestImages.PngOfSize(size);
        bytes.AsSpan(TestImages.Png.Length).Fill(fill);
        return bytes;
    }

    [Fact]
    public async Task An_upload_and_a_delete_racing_on_one_name_end_as_one_of_the_two_orders_and_hand_out_only_whole_objects()
    {
        using var admin = api.CreateAdminClient();
        using var client = api.CreateClient();
        var endStates = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var id = await admin.CreateProductAsync();
            Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("x.png", First))).StatusCode);

            var upload = admin.PostAsync($"/api/products/{id}/images?overwrite=true", HttpExtensions.Files(("x.png", Second)));
            var delete = admin.DeleteAsync($"/api/products/{id}/images/x.png");
            var (uploaded, deleted) = (await upload, await delete);

            Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode); // the first version was there for the delete either way
            foreach (var url in Urls(await uploaded.Content.ReadFromJsonAsync<JsonArray>()))
                await AssertWholeObjectAsync(url, Second);

            // upload then delete: nothing; delete then upload: the second version. Storage and API agree.
            var stored = await StoredBytesAsync(id);
            Assert.True(stored is null || stored.AsSpan().SequenceEqual(Second), "the object left is neither absent nor the second version");
            var listed = await client.GetJsonObjectAsync($"/api/products/{id}");
            Assert.Equal(stored is null ? [] : ["x.png"], listed.Filenames());
            foreach (var url in Urls(listed["images"]!.AsArray()))
                await AssertWholeObjectAsync(url, Second);
            endStates.Add(stored is null ? "upload, delete" : "delete, upload");
        }

        Assert.Equal(Rounds, endStates.Count);
    }

    [Fact]
    public async Task Reads_racing_with_an_overwrite_see_the_old_or_the_new_object_whole_and_end_on_the_new()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("x.png", First))).StatusCode);

        using var stop = new CancellationTokenSource();
        var fetched = 0;
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = api.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var product = await client.GetJsonObjectAsync($"/api/products/{id}");
                foreach (var url in Urls(product["images"]!.AsArray()))
                {
                    await AssertWholeObjectAsync(url, First, Second);
                    Interlocked.Increment(ref fetched);
                }
            }
        })).ToArray();

        for (var round = 0; round < Rounds; round++)
        {
            var bytes = round % 2 == 0 ? Second : First;
            var response = await admin.PostAsync($"/api/products/{id}/images?overwrite=true", HttpExtensions.Files(("x.png", bytes)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            foreach (var url in Urls(await response.Content.ReadFromJsonAsync<JsonArray>()))
                await AssertWholeObjectAsync(url, First, Second);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(fetched > 0, "no reader fetched an image");
        var last = Rounds % 2 == 0 ? First : Second;
        Assert.True((await StoredBytesAsync(id))!.AsSpan().SequenceEqual(last));
        using var reader = api.CreateClient();
        foreach (var url in Urls((await reader.GetJsonObjectAsync($"/api/products/{id}"))["images"]!.AsArray()))
            await AssertWholeObjectAsync(url, last);
    }

    private static IEnumerable<string> Urls(JsonArray? images) => (images ?? []).Select(i => i!["url"]!.GetValue<string>());

    /// <summary>The URL answers one of <paramref name="versions"/> byte for byte, or (the object deleted since) 404.</summary>
    private static async Task AssertWholeObjectAsync(string url, params byte[][] versions)
    {
        using var response = await Storage.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(versions.Any(v => v.AsSpan().SequenceEqual(body)), $"{url} answered {body.Length} bytes that are no whole version");
    }

    private async Task<byte[]?> StoredBytesAsync(int id)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        try
        {
            using var stored = await s3.GetObjectAsync(api.Isolation.Bucket, $"{id}/x.png");
            using var copy = new MemoryStream();
            await stored.ResponseStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (Amazon.S3.AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
