using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Images;

/// <summary>S3 that accepts connections and never answers.</summary>
public sealed class HangingS3Tests
{
    [Fact]
    public async Task With_S3_hanging_a_cold_read_answers_within_the_read_timeout_without_images_and_says_it_is_degraded()
    {
        var readTimeout = TimeSpan.FromSeconds(1);
        await using var proxy = await S3FaultProxy.StartAsync();
        await using var api = new CleanShopApiFactory();
        api.UsePrivateS3(proxy.Url);
        // Each attempt may take 5 s and there are 3: the read timeout bounds them all.
        api.Settings["ImageStorage:RequestTimeout"] = "00:00:05";
        api.Settings["ImageStorage:MaxRetries"] = "2";
        api.Settings["ImageStorage:ReadTimeout"] = readTimeout.ToString();
        api.Settings["ImageCache:FailureCacheDuration"] = "00:00:00.500";
        await api.InitializeAsync();
        var id = await api.CreateAdminClient().CreateProductAsync();
        var client = api.CreateClient();

        proxy.Inject(S3Fault.Hang, S3Operations.IsList);
        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync($"/api/products/{id}");
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Without the read timeout the SDK's attempts alone take 15 s; the margin is for a loaded two-core machine.
        Assert.True(watch.Elapsed < readTimeout + TimeSpan.FromSeconds(2), $"answered after {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal("true", response.Headers.GetValues("X-Images-Degraded").Single());
        Assert.Empty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["images"]!.AsArray());

        // S3 answers again: once the degraded answer's short life is over, the next read lists it.
        proxy.Heal();
        await Eventually.HoldsAsync("a read answers without X-Images-Degraded", async () => !(await client.GetAsync($"/api/products/{id}")).Headers.Contains("X-Images-Degraded"));
    }
}
