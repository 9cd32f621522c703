using System.Net;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Operations;

public sealed class OperationsEndpointTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    [Fact]
    public async Task Health_endpoints_answer_healthy_when_every_component_runs()
    {
        var live = await api.CreateClient().GetAsync("/health/live");
        var ready = await api.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // Ready names each component (see PostgresOutageTests for one that is down).
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", report["status"]!.GetValue<string>());
        Assert.Equal(["postgresql", "redis", "s3"], report["components"]!.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(report["components"]!.AsObject(), c => Assert.Equal("Healthy", c.Value!.GetValue<string>()));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint_with_its_problem_responses()
    {
        var document = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        Assert.Contains("/api/products/{id}", paths.Select(p => p.Key));
        Assert.Contains("/api/products/{id}/images", paths.Select(p => p.Key));
        Assert.Contains("/api/images/cache", paths.Select(p => p.Key));
        var getProduct = paths["/api/products/{id}"]!["get"]!["responses"]!.AsObject();
        Assert.Contains("200", getProduct.Select(r => r.Key));
        Assert.Contains("application/problem+json", getProduct["404"]!["content"]!.AsObject().Select(c => c.Key));
        var upload = paths["/api/products/{id}/images"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ToArray();
        Assert.Superset(new HashSet<string> { "201", "400", "401", "403", "404", "409", "413", "415", "503" }, upload.ToHashSet());
    }

    [Fact]
    public async Task The_interactive_reference_is_served_in_the_local_stack()
    {
        var response = await api.CreateClient().GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CORS_allows_the_configured_storefront_origin_only()
    {
        var client = api.CreateClient();

        var allowed = await client.SendAsync(Preflight("http://localhost:5173"));
        var refused = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("http://localhost:5173", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Metrics_are_exported_in_Prometheus_text_format()
    {
        var client = api.CreateClient();
        var id = await api.CreateAdminClient().CreateProductAsync();
        await client.GetAsync($"/api/products/{id}");

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Contains("cleanshop_s3_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("operation=\"ListObjectsV2\"", metrics, StringComparison.Ordinal);
        Assert.Contains("cleanshop_image_cache_lookups_total{", metrics, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/products");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        return request;
    }
}
