using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Images;

/// <summary>S3 and Redis stopped mid-run: the read path keeps answering 200, the write path answers 503.</summary>
public sealed class DependencyFailureTests
{
    [Fact]
    public async Task While_S3_is_down_cached_URLs_are_served_then_images_go_degraded_and_come_back_with_S3()
    {
        await using var api = new CleanShopApiFactory();
        await using var s3 = await EphemeralServer.StartS3EmulatorAsync(api.Isolation.Bucket);
        api.UsePrivateS3(s3);
        api.Settings["ImageCache:FailureCacheDuration"] = "00:00:01";
        await api.InitializeDatabaseOnlyAsync();
        var admin = api.CreateAdminClient();
        var client = api.CreateClient();
        var id = await admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("a.png", TestImages.Png))).StatusCode);
        var cached = await client.GetStringAsync($"/api/products/{id}");

        await s3.StopAsync();

        // Still cached and valid: served as they are.
        var whileDown = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, whileDown.StatusCode);
        Assert.Equal(cached, await whileDown.Content.ReadAsStringAsync());

        // Not cached any more: the product is still served, without images, and says so.
        await admin.DeleteAsync($"/api/products/{id}/image-cache");
        var degraded = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("true", degraded.Headers.GetValues("X-Images-Degraded").Single());
        var product = (await degraded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Empty(product["images"]!.AsArray());
        Assert.Null(product["primary_image"]);

        // Writes cannot be done: 503 with a retry hint.
        var upload = await admin.UploadAsync(id, ("b.png", TestImages.Png));
        await upload.AssertProblemAsync(503);
        Assert.NotNull(upload.Headers.RetryAfter);
        await (await admin.DeleteAsync($"/api/products/{id}/images/a.png")).AssertProblemAsync(503);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);

        // S3 returns: the failure was cached for a second only, and the images come back by themselves.
        await s3.StartAsync();
        HttpResponseMessage recovered = null!;
        await Eventually.HoldsAsync("a read answers without X-Images-Degraded",
            async () => !(recovered = await client.GetAsync($"/api/products/{id}")).Headers.Contains("X-Images-Degraded"), TimeSpan.FromSeconds(15));
        Assert.Equal(["a.png"], (await recovered.Content.ReadFromJsonAsync<JsonObject>())!.Filenames());
    }

    [Fact]
    public async Task While_Redis_is_down_products_and_their_images_are_still_served()
    {
        await using var redis = await EphemeralServer.StartRedisAsync();
        await using var api = new CleanShopApiFactory();
        api.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port}";
        await api.InitializeAsync();
        var admin = api.CreateAdminClient();
        var client = api.CreateClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("a.png", TestImages.Png));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/products/{id}")).StatusCode);

        await redis.StopAsync();

        Assert.Equal(["a.png"], (await client.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
        // A write still lands (S3 is fine); telling other instances fails quietly.
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("b.png", TestImages.Png))).StatusCode);
        Assert.Equal(["a.png", "b.png"], (await client.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        // An explicit cache clear that cannot reach the other instances is not reported as done.
        var clear = await admin.DeleteAsync("/api/images/cache");
        await clear.AssertProblemAsync(503);
        Assert.NotNull(clear.Headers.RetryAfter);
    }
}
