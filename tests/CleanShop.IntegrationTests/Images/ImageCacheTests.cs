using System.Diagnostics;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using CleanShop.IntegrationTests.Support;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Images;

public sealed class ImageCacheTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    private readonly HttpClient _admin = api.CreateAdminClient();

    [Fact]
    public async Task Two_requests_within_a_cache_window_get_byte_identical_URLs()
    {
        var id = await ProductWithImagesAsync("a.png", "b.png");
        var client = api.CreateClient();

        var first = await client.GetStringAsync($"/api/products/{id}");
        await Task.Delay(1100); // a fresh presign would now carry another X-Amz-Date
        var second = await client.GetStringAsync($"/api/products/{id}");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_for_a_cold_product_list_S3_once()
    {
        var id = await ProductWithImagesAsync("a.png");
        var listsBefore = api.S3Calls.RequestPathLists;
        var client = api.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetAsync($"/api/products/{id}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, api.S3Calls.RequestPathLists - listsBefore);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task The_invalidation_endpoints_make_the_next_read_list_the_store_again()
    {
        var id = await ProductWithImagesAsync("a.png");
        var other = await ProductWithImagesAsync("a.png");
        var client = api.CreateClient();
        await client.GetAsync($"/api/products/{id}");
        await client.GetAsync($"/api/products/{other}");

        // Written behind the API's back: the cache does not know yet.
        await PutBehindTheApiAsync($"{id}/z.png", $"{other}/z.png");
        Assert.Equal(["a.png"], (await client.GetJsonObjectAsync($"/api/products/{id}")).Filenames());

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/products/{id}/image-cache")).StatusCode);
        Assert.Equal(["a.png", "z.png"], (await client.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
        Assert.Equal(["a.png"], (await client.GetJsonObjectAsync($"/api/products/{other}")).Filenames());

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/image-cache")).StatusCode);
        Assert.Equal(["a.png", "z.png"], (await client.GetJsonObjectAsync($"/api/products/{other}")).Filenames());
    }

    private async Task<int> ProductWithImagesAsync(params string[] names)
    {
        var id = await _admin.CreateProductAsync();
        var response = await _admin.UploadAsync(id, names.Select(n => (n, TestImages.Png)).ToArray());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await _admin.DeleteAsync($"/api/products/{id}/image-cache"); // cold, whatever the upload left behind
        return id;
    }

    private async Task PutBehindTheApiAsync(params string[] keys)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        foreach (var key in keys)
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = api.Isolation.Bucket, Key = key, InputStream = new MemoryStream(TestImages.Png) });
    }
}

/// <summary>Two API instances sharing one Redis, one bucket and one database.</summary>
public sealed class TwoInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly CleanShopApiFactory _first = new();
    private CleanShopApiFactory _second = null!;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = CleanShopApiFactory.SecondInstanceOf(_first);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Both_instances_serve_byte_identical_URLs_from_the_shared_cache()
    {
        var id = await _first.CreateAdminClient().CreateProductAsync();
        await _first.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));

        var fromFirst = await _first.CreateClient().GetStringAsync($"/api/products/{id}");
        var listsBefore = _second.S3Calls.RequestPathLists;
        var fromSecond = await _second.CreateClient().GetStringAsync($"/api/products/{id}");

        Assert.Equal(fromFirst, fromSecond);
        Assert.Equal(listsBefore, _second.S3Calls.RequestPathLists); // served from Redis, not listed again
    }

    [Fact]
    public async Task A_change_through_one_instance_shows_in_the_other_within_a_second()
    {
        var id = await _first.CreateAdminClient().CreateProductAsync();
        await _first.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var reader = _second.CreateClient();
        Assert.Equal(["a.png"], (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames()); // now in the second's memory

        await _first.CreateAdminClient().UploadAsync(id, ("b.png", TestImages.Png));
        var uploadSeenAfter = await TimeUntilAsync(reader, id, ["a.png", "b.png"]);

        await _first.CreateAdminClient().DeleteAsync($"/api/products/{id}/images/a.png");
        var deleteSeenAfter = await TimeUntilAsync(reader, id, ["b.png"]);

        output.WriteLine($"upload seen by the other instance after {uploadSeenAfter.TotalMilliseconds:0.0} ms, delete after {deleteSeenAfter.TotalMilliseconds:0.0} ms");
        Assert.True(uploadSeenAfter < TimeSpan.FromSeconds(1), $"upload seen after {uploadSeenAfter.TotalMilliseconds} ms");
        Assert.True(deleteSeenAfter < TimeSpan.FromSeconds(1), $"delete seen after {deleteSeenAfter.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_product_changed_through_one_instance_shows_in_the_other_within_a_second()
    {
        var admin = _first.CreateAdminClient();
        var id = await admin.CreateProductAsync("Before");
        var reader = _second.CreateClient();
        Assert.Equal("Before", (await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>()); // cached there now

        await admin.PutAsJsonAsync($"/api/products/{id}", new { name = "After", price = 1, category = "ANIMAL" });

        var watch = Stopwatch.StartNew();
        while ((await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>() != "After" && watch.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(10);
        output.WriteLine($"product update seen by the other instance after {watch.Elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"update seen after {watch.Elapsed.TotalMilliseconds} ms");

        await admin.DeleteAsync($"/api/products/{id}");
        watch.Restart();
        while ((await reader.GetAsync($"/api/products/{id}")).StatusCode != HttpStatusCode.NotFound && watch.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(10);
        output.WriteLine($"product delete seen by the other instance after {watch.Elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"delete seen after {watch.Elapsed.TotalMilliseconds} ms");
        await (await reader.GetAsync($"/api/products/{id}")).AssertProblemAsync(404);
    }

    private static async Task<TimeSpan> TimeUntilAsync(HttpClient reader, int id, string[] expected)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            if ((await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames().SequenceEqual(expected))
                return watch.Elapsed;
            await Task.Delay(10);
        }

        return watch.Elapsed;
    }
}
