using System.Net;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Variants;

/// <summary>The variants' queue lives in Redis: a private Redis that stops and comes back empty, as after a restart.</summary>
public sealed class VariantRedisOutageTests
{
    [Fact]
    public async Task An_image_uploaded_while_Redis_is_down_is_stored_at_once_and_gets_its_variants_from_the_sweep_once_Redis_is_back()
    {
        await using var redis = await EphemeralServer.StartRedisAsync();
        await using var api = new CleanShopApiFactory();
        api.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port}";
        api.Settings["ImageVariants:Enabled"] = "true";
        api.Settings["ImageIndex:SweepInterval"] = "00:00:01";
        await api.InitializeAsync();
        var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        await redis.StopAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("while-down.png", ImageVariantTests.Picture(600, 400, "png")))).StatusCode);
        Assert.Equal(["while-down.png"], (await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}")).Filenames());
        await redis.StartAsync();

        // Its job may never have reached the queue; then the sweep finds the original without variants and queues it.
        await Eventually.HoldsAsync("the image served with its three variants", async () =>
            (await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}?variants=all"))["images"]![0]!["variants"]!.AsObject().Count == 3, TimeSpan.FromSeconds(60));
    }
}
