using Amazon.S3.Model;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Images;

/// <summary>Lists two objects per S3 page, so that crossing a page boundary costs five objects, not a thousand.</summary>
public sealed class SmallListPageApiFactory : CleanShopApiFactory
{
    public SmallListPageApiFactory() => Settings["ImageStorage:ListPageSize"] = "2";
}

/// <summary>S3 is the source of truth: objects put straight into the bucket are what the API lists.</summary>
public sealed class ImageListingTests(SmallListPageApiFactory api) : IClassFixture<SmallListPageApiFactory>
{
    private readonly HttpClient _admin = api.CreateAdminClient();

    [Fact]
    public async Task A_products_images_are_exactly_the_objects_under_its_prefix_with_the_slash()
    {
        // Product N's prefix is "N/": objects of product N0 (and of any key starting "N") are not its own.
        var id = await _admin.CreateProductAsync();
        await PutAsync($"{id}/front.png", $"{id}0/other.png", $"{id}1/other.png", $"{id}front.png");

        var product = await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}");

        Assert.Equal(["front.png"], product.Filenames());
    }

    [Fact]
    public async Task Folder_markers_and_nested_keys_are_not_images()
    {
        var id = await _admin.CreateProductAsync();
        await PutAsync($"{id}/", $"{id}/thumbs/", $"{id}/thumbs/small.png", $"{id}/photo.png");

        var product = await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}");

        Assert.Equal(["photo.png"], product.Filenames());
    }

    [Fact]
    public async Task Listing_follows_continuation_tokens_and_orders_by_key()
    {
        var id = await _admin.CreateProductAsync();
        await PutAsync($"{id}/e.png", $"{id}/c.png", $"{id}/a.png", $"{id}/d.png", $"{id}/b.png");

        var product = await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}");

        Assert.Equal(["a.png", "b.png", "c.png", "d.png", "e.png"], product.Filenames());
        Assert.Equal("a.png", product["primary_image"]!["filename"]!.GetValue<string>());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(product["images"]![0], product["primary_image"]));
    }

    [Fact]
    public async Task The_images_endpoint_and_every_product_of_a_page_carry_the_same_images()
    {
        var id = await _admin.CreateProductAsync();
        await PutAsync($"{id}/x.png", $"{id}/y.png");
        var client = api.CreateClient();

        var images = await client.GetStringAsync($"/api/products/{id}/images");
        var page = await client.GetJsonObjectAsync("/api/products?page_size=100");

        var onPage = page["results"]!.AsArray().Single(p => p!["id"]!.GetValue<int>() == id)!;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(images), onPage["images"]));
        Assert.All(page["results"]!.AsArray(), p => Assert.NotNull(p!["images"]));
    }

    [Fact]
    public async Task The_images_of_an_unknown_product_are_a_404()
    {
        await (await api.CreateClient().GetAsync("/api/products/987654/images")).AssertProblemAsync(404);
    }

    private async Task PutAsync(params string[] keys)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        foreach (var key in keys)
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = api.Isolation.Bucket,
                Key = key,
                InputStream = new MemoryStream(key.EndsWith('/') ? [] : TestImages.Png),
                ContentType = key.EndsWith('/') ? "application/x-directory" : "image/png",
            });
        }
    }
}
