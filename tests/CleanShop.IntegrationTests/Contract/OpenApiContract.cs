using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CleanShop.IntegrationTests.Contract;

/// <summary>
/// The API's own OpenAPI document, as served at /openapi/v1.json, used as a validator: a response is checked
/// against the schema the document declares for its operation, status and content type (JSON Schema 2020-12,
/// which OpenAPI 3.1 schemas are).
/// </summary>
public sealed class OpenApiContract(JsonObject document)
{
    public JsonObject Document { get; } = document;

    public static async Task<OpenApiContract> FetchAsync(HttpClient client)
    {
        var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return new OpenApiContract(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public JsonObject Operation(string method, string pathTemplate) =>
        Document["paths"]?[pathTemplate]?[method.ToLowerInvariant()]?.AsObject()
        ?? throw new Xunit.Sdk.XunitException($"The document has no operation {method} {pathTemplate}.");

    /// <summary>Asserts that the response's status is documented for the operation and its body matches the documented schema.</summary>
    public async Task<JsonNode?> AssertMatchesAsync(string method, string pathTemplate, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var documented = Operation(method, pathTemplate)["responses"]?[status]?.AsObject()
            ?? throw new Xunit.Sdk.XunitException($"{method} {pathTemplate} answered {status}, which the document does not list.");
        var body = await response.Content.ReadAsStringAsync();
        if (documented["content"] is not JsonObject content)
        {
            Assert.True(body.Length == 0, $"{method} {pathTemplate} {status} documents no body but sent: {body}");
            return null;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType
            ?? throw new Xunit.Sdk.XunitException($"{method} {pathTemplate} {status} sent no Content-Type.");
        var schema = content[mediaType]?["schema"]
            ?? throw new Xunit.Sdk.XunitException($"{method} {pathTemplate} {status} sent {mediaType}, which the document does not list ({string.Join(", ", content.Select(c => c.Key))}).");
        var instance = JsonNode.Parse(body);
        AssertValid(schema, instance, $"{method} {pathTemplate} {status}");
        return instance;
    }

    /// <summary>Asserts that <paramref name="instance"/> is valid against <paramref name="schema"/>, whose $refs point into this document.</summary>
    public void AssertValid(JsonNode schema, JsonNode? instance, string what)
    {
        // The document's components next to the schema, so that "#/components/schemas/X" resolves.
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["components"] = Document["components"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var built = JsonSchema.Build(
            JsonSerializer.SerializeToElement(root),
            new BuildOptions(),
            new Uri($"https://contract.cleanshop.test/{Guid.NewGuid():N}"));
        var results = built.Evaluate(
            JsonSerializer.SerializeToElement(instance),
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(results.IsValid, $"{what} does not match the document's schema:\n{JsonSerializer.Serialize(results)}\nbody: {instance?.ToJsonString()}");
    }

    public static MediaTypeHeaderValue Json => new("application/json");
}
