using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanShop.IntegrationTests.Support;

public static class HttpExtensions
{
    /// <summary>Creates a product through the API and returns its id.</summary>
    public static async Task<int> CreateProductAsync(this HttpClient admin, string name = "Pip the Penguin", decimal price = 25m, string category = "ANIMAL")
    {
        var response = await admin.PostAsJsonAsync("/api/products", new { name, description = "A test toy.", price, category, is_featured = false, is_available = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
    }

    public static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            // A lying Content-Type: the API must judge by the bytes.
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, "files", name);
        }

        return form;
    }

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient admin, int productId, params (string Name, byte[] Bytes)[] files) =>
        await admin.PostAsync($"/api/products/{productId}/images", Files(files));

    public static async Task<JsonObject> GetJsonObjectAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonArray> GetJsonArrayAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    /// <summary>Asserts an RFC 9457 answer with the status, and returns its body.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal); // no stack trace leaves the process
        return problem;
    }

    /// <summary>Asserts that the problem's detail, or one of its errors, says <paramref name="text"/>.</summary>
    public static void AssertDetailContains(this JsonObject problem, string text)
    {
        var said = problem.AsEnumerable().Where(p => p.Key is "detail" or "errors").SelectMany(p => Strings(p.Value)).ToList();
        Assert.True(said.Any(s => s.Contains(text, StringComparison.Ordinal)), $"No detail or error says \"{text}\": {string.Join(" | ", said)}");

        static IEnumerable<string> Strings(JsonNode? node) => node switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => [text],
            JsonObject o => o.SelectMany(p => Strings(p.Value)),
            JsonArray a => a.SelectMany(Strings),
            _ => [],
        };
    }

    public static string[] Filenames(this JsonObject product) =>
        product["images"]!.AsArray().Select(i => i!["filename"]!.GetValue<string>()).ToArray();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
