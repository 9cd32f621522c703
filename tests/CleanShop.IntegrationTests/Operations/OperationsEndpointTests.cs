using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanShop.IntegrationTests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanShop.IntegrationTests.Operations;

/// <summary>The operational endpoints: health, the OpenAPI document checked against what the app really maps, CORS, metrics.</summary>
public sealed class OperationsEndpointTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    [Fact]
    public async Task Liveness_answers_healthy_as_plain_text()
    {
        var response = await api.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_answers_healthy_and_names_each_component_healthy_when_every_component_runs()
    {
        var response = await api.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", report["status"]!.GetValue<string>());
        Assert.Equal(["postgresql", "redis", "s3"], report["components"]!.AsObject().Select(c => c.Key).Order());
        Assert.All(report["components"]!.AsObject(), c => Assert.Equal("Healthy", c.Value!.GetValue<string>()));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_API_endpoint_the_app_maps_with_its_method()
    {
        var operations = Operations(await OpenApiPathsAsync());

        var mapped = MappedApiEndpoints().Select(e => $"{e.Method} {e.Path}").ToList();
        var missing = mapped.Except(operations.Keys).ToList();

        Assert.True(mapped.Count >= 10, $"the app maps only {mapped.Count} API endpoints: {string.Join(", ", mapped)}");
        Assert.True(missing.Count == 0, $"not in /openapi/v1.json: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Every_error_response_in_the_OpenAPI_document_is_problem_json()
    {
        var operations = Operations(await OpenApiPathsAsync());

        var notProblems = operations
            .SelectMany(o => o.Value["responses"]!.AsObject()
                .Where(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture) >= 400)
                .Where(r => r.Value?["content"]?["application/problem+json"] is null)
                .Select(r => $"{o.Key} {r.Key}"))
            .ToList();

        Assert.NotEmpty(operations);
        Assert.True(notProblems.Count == 0, $"error responses without application/problem+json: {string.Join(", ", notProblems)}");
    }

    [Fact]
    public async Task Every_admin_endpoint_declares_401_and_403_in_the_OpenAPI_document()
    {
        var operations = Operations(await OpenApiPathsAsync());
        var admin = MappedApiEndpoints().Where(e => e.RequiresAuthorization).Select(e => $"{e.Method} {e.Path}").ToList();

        var undeclared = admin.Where(key => !(operations.TryGetValue(key, out var operation)
            && operation["responses"]!.AsObject().Select(r => r.Key).ToHashSet().IsSupersetOf(["401", "403"]))).ToList();

        Assert.NotEmpty(admin);
        Assert.True(undeclared.Count == 0, $"admin endpoints without 401 and 403: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public async Task The_OpenAPI_document_declares_every_error_an_upload_can_answer()
    {
        var paths = await OpenApiPathsAsync();

        var upload = paths["/api/products/{id}/images"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ToHashSet();

        Assert.Superset(new HashSet<string> { "201", "400", "401", "403", "404", "409", "413", "415", "503" }, upload);
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

    private async Task<JsonObject> OpenApiPathsAsync() =>
        JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();

    /// <summary>"get /api/products/{id}" to its operation, paths without a trailing slash.</summary>
    private static Dictionary<string, JsonNode> Operations(JsonObject paths) =>
        paths.SelectMany(path => path.Value!.AsObject()
                .Where(operation => operation.Value?["responses"] is not null)
                .Select(operation => (Key: $"{operation.Key} {Normalize(path.Key)}", Operation: operation.Value!)))
            .GroupBy(o => o.Key)
            .ToDictionary(g => g.Key, g => g.First().Operation);

    /// <summary>Every endpoint the app maps under /api, as the routing system has it (route constraints dropped).</summary>
    private IEnumerable<(string Method, string Path, bool RequiresAuthorization)> MappedApiEndpoints() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (
                method.ToLowerInvariant(),
                Normalize(Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+):[^}]*\}", "{$1}")),
                e.Metadata.GetMetadata<IAuthorizeData>() is not null)))
            .Distinct();

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/products");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        return request;
    }
}
