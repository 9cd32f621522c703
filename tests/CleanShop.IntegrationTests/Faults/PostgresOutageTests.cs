using System.Net;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL gone (a TCP proxy in front of the shared server, cut): a cached product is still served, the list
/// and writes answer 503 with Retry-After, /health/ready names the component, and the service heals without a
/// restart when PostgreSQL returns.
/// </summary>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task While_PostgreSQL_is_unreachable_cached_products_are_served_the_rest_answers_503_and_it_heals_without_a_restart()
    {
        await using var proxy = TcpCutProxy.InFrontOfPostgres();
        await using var api = new CleanShopApiFactory();
        api.UsePostgresThrough(proxy);
        await api.InitializeAsync();
        using var admin = api.CreateAdminClient();
        using var client = api.CreateClient();
        var id = await admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("a.png", TestImages.Png))).StatusCode);
        var cached = await client.GetJsonObjectAsync($"/api/products/{id}"); // now in the product cache

        proxy.Cut();

        Assert.Equal(cached.ToJsonString(), (await client.GetJsonObjectAsync($"/api/products/{id}")).ToJsonString());
        foreach (var response in new[]
        {
            await client.GetAsync("/api/products"),
            await admin.PostAsync("/api/products", JsonContent("Toy")),
            await admin.PutAsync($"/api/products/{id}", JsonContent("Renamed")),
            await admin.DeleteAsync($"/api/products/{id}"),
            await admin.UploadAsync(id, ("b.png", TestImages.Png)),
        })
        {
            var problem = await response.AssertProblemAsync(503);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("database", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var health = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var components = JsonNode.Parse(await health.Content.ReadAsStringAsync())!["components"]!;
        Assert.Equal("Unhealthy", components["postgresql"]!.GetValue<string>());
        Assert.Equal("Healthy", components["s3"]!.GetValue<string>());

        proxy.Restore();

        // The same process, no restart: its pool opens new connections as soon as one works.
        await Eventually.HoldsAsync("the list answers 200 again", async () => (await client.GetAsync("/api/products")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/products/{id}", JsonContent("Renamed"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal("Renamed", (await client.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>());
    }

    private static StringContent JsonContent(string name) =>
        new($$"""{"name":"{{name}}","price":1,"category":"ANIMAL"}""", System.Text.Encoding.UTF8, "application/json");
}
