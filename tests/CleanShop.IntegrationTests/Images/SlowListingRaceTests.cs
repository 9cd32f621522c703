using System.Net;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Images;

/// <summary>A cold read whose listing is held back while an upload lands: the older listing must not be kept.</summary>
public sealed class SlowListingRaceTests
{
    [Fact]
    public async Task A_listing_that_began_before_an_upload_is_never_kept_after_it()
    {
        await using var proxy = await S3FaultProxy.StartAsync();
        await using var api = new CleanShopApiFactory();
        api.UsePrivateS3(proxy.Url);
        api.Settings["ImageStorage:RequestTimeout"] = "00:00:30";
        api.Settings["ImageStorage:ReadTimeout"] = "00:00:30";
        await api.InitializeAsync();
        var admin = api.CreateAdminClient();
        var client = api.CreateClient();
        var id = await admin.CreateProductAsync();

        var gate = new S3Gate();
        proxy.Inject(S3Fault.HoldAt(gate), r => S3Operations.IsList(r) && r.Query["prefix"] == $"{id}/", once: true);
        var coldRead = client.GetAsync($"/api/products/{id}");
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(10)); // the read's listing has begun, and waits

        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("late.png", TestImages.Png))).StatusCode);
        gate.Open();
        Assert.Equal(HttpStatusCode.OK, (await coldRead).StatusCode);

        for (var i = 0; i < 3; i++)
            Assert.Equal(["late.png"], (await client.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
    }
}
