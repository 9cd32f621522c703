using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Images;

/// <summary>Short real URL lifetimes, so that the refresh point comes within the test (the SDK signs with the machine's clock).</summary>
public sealed class ImageRefreshTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RefreshBuffer = TimeSpan.FromSeconds(50);

    [Fact]
    public async Task With_S3_answering_2_s_late_the_sweep_signs_a_set_again_before_its_refresh_point_so_no_read_waits_and_every_URL_served_stays_valid_for_the_buffer()
    {
        await using var proxy = await S3FaultProxy.StartAsync();
        await using var api = ShortLivedUrlsApi();
        api.UsePrivateS3(proxy.Url);
        api.Settings["ImageStorage:RequestTimeout"] = "00:00:10";
        await api.InitializeAsync();
        var id = await api.CreateAdminClient().CreateProductAsync();
        await api.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var client = api.CreateClient();
        var first = await ReadImageAsync(client, id);
        var callsBefore = api.S3Calls.RequestPathCalls;

        // From now on every S3 request, the sweep's listings included, answers 2 s late.
        proxy.Inject(S3Fault.Delay(TimeSpan.FromSeconds(2)));
        // The set's refresh point is 10 s after it was signed; the sweep signs it again before, however slow S3 is.
        var current = first;
        var slowestRead = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        while (current.Url == first.Url && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            var read = Stopwatch.StartNew();
            current = await ReadImageAsync(client, id);
            slowestRead = read.Elapsed > slowestRead ? read.Elapsed : slowestRead;
        }

        output.WriteLine($"signed again after {watch.Elapsed.TotalSeconds:0.0} s; expiry {first.ExpiresAt:O} -> {current.ExpiresAt:O}; slowest read {slowestRead.TotalMilliseconds:0} ms");
        Assert.NotEqual(first.Url, current.Url);
        Assert.True(current.ExpiresAt > first.ExpiresAt);
        Assert.Equal(callsBefore, api.S3Calls.RequestPathCalls);
        // Generous: a read that waited for S3 would take its 2 s; how fast reads are is build/bench's to measure.
        Assert.True(slowestRead < TimeSpan.FromSeconds(2), $"a read waited {slowestRead.TotalMilliseconds} ms: S3 answers in 2 s");
    }

    [Fact]
    public async Task While_S3_is_down_a_set_past_its_refresh_point_is_served_with_the_URLs_that_still_work_marked_degraded_until_S3_is_back()
    {
        await using var proxy = await S3FaultProxy.StartAsync();
        await using var api = ShortLivedUrlsApi();
        api.UsePrivateS3(proxy.Url);
        await api.InitializeAsync();
        var id = await api.CreateAdminClient().CreateProductAsync();
        await api.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var client = api.CreateClient();
        var signed = await ReadImageAsync(client, id);

        proxy.Inject(S3Fault.Error(503, "SlowDown"), S3Operations.IsList);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(100);
            response = await client.GetAsync($"/api/products/{id}");
        }
        while (!response.Headers.Contains("X-Images-Degraded") && DateTimeOffset.UtcNow < signed.ExpiresAt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("X-Images-Degraded").Single());
        var image = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["images"]!.AsArray().Single()!;
        Assert.Equal(signed.Url, image["url"]!.GetValue<string>()); // the cached URL, still valid, not a new one
        Assert.True(DateTimeOffset.Parse(image["expires_at"]!.GetValue<string>(), CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);

        proxy.Heal();
        await Eventually.HoldsAsync("a read answers without X-Images-Degraded", async () => !(await client.GetAsync($"/api/products/{id}")).Headers.Contains("X-Images-Degraded"));
    }

    [Fact]
    public async Task Every_expires_at_is_the_expiry_signed_into_its_URL_and_leaves_at_least_the_refresh_buffer()
    {
        await using var api = new CleanShopApiFactory();
        await api.InitializeAsync();
        var id = await api.CreateAdminClient().CreateProductAsync();
        await api.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png), ("b.gif", TestImages.Gif), ("c.png", TestImages.Png));

        var images = (await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}"))["images"]!.AsArray();

        Assert.Equal(3, images.Count);
        foreach (var image in images)
        {
            var url = new Uri(image!["url"]!.GetValue<string>());
            var query = System.Web.HttpUtility.ParseQueryString(url.Query);
            var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var realExpiry = signedAt.AddSeconds(int.Parse(query["X-Amz-Expires"]!, CultureInfo.InvariantCulture));
            var announced = DateTimeOffset.Parse(image["expires_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            Assert.Equal(realExpiry, announced);
            Assert.True(announced >= DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5), $"{announced:O} leaves less than the default buffer");
        }
    }

    private static CleanShopApiFactory ShortLivedUrlsApi()
    {
        var api = new CleanShopApiFactory();
        api.Settings["ImageCache:UrlLifetime"] = "00:01:00";
        api.Settings["ImageCache:RefreshBuffer"] = RefreshBuffer.ToString();
        api.Settings["ImageIndex:SweepInterval"] = "00:00:01";
        return api;
    }

    private static async Task<(string Url, DateTimeOffset ExpiresAt)> ReadImageAsync(HttpClient client, int id)
    {
        var response = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Images-Degraded"));
        var image = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["primary_image"]!;
        var expiresAt = DateTimeOffset.Parse(image["expires_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(expiresAt - DateTimeOffset.UtcNow >= RefreshBuffer, $"a URL expiring at {expiresAt:O} was handed out at {DateTimeOffset.UtcNow:O}");
        return (image["url"]!.GetValue<string>(), expiresAt);
    }
}
