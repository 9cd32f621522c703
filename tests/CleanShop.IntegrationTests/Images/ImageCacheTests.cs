using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using CleanShop.IntegrationTests.Support;

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
