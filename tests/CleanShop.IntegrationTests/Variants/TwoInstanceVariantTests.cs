using System.Net;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Variants;

/// <summary>Two API instances making variants from one queue in Redis, for one bucket.</summary>
public sealed class TwoInstanceVariantTests : TwoInstanceTestBase
{
    protected override void Configure(CleanShopApiFactory instance)
    {
        instance.Settings["ImageVariants:Enabled"] = "true";
        instance.Settings["ImageIndex:SweepInterval"] = "00:00:01";
    }

    [Fact]
    public async Task Each_original_is_processed_by_one_instance_once_and_both_serve_its_variants()
    {
        var admin = First.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        var files = Enumerable.Range(1, 6).Select(n => ($"{n}.png", ImageVariantTests.Picture(300 + n, 200, "png"))).ToArray();

        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, files)).StatusCode);

        foreach (var reader in new[] { First.CreateClient(), Second.CreateClient() })
        {
            await Eventually.HoldsAsync("every image served with its three variants", async () =>
                (await reader.GetJsonObjectAsync($"/api/products/{id}?variants=all"))["images"]!.AsArray().All(i => i!["variants"]!.AsObject().Count == 3), TimeSpan.FromSeconds(30));
        }

        // Sweeps after that find every variant current: no original is made twice, by either instance.
        var sweeps = First.S3Calls.Sweeps + Second.S3Calls.Sweeps;
        await Eventually.HoldsAsync("two more sweeps", () => First.S3Calls.Sweeps + Second.S3Calls.Sweeps >= sweeps + 2);
        Assert.Equal(files.Length * 3, First.S3Calls.Count("PutObject", "variants") + Second.S3Calls.Count("PutObject", "variants"));
    }
}
