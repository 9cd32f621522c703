using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Images;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Contract;

/// <summary>
/// The OpenAPI document is the wire contract: real responses of the running API, successes and every problem
/// status, are valid against the schemas the document declares for them.
/// </summary>
public sealed class OpenApiContractTests(SmallUploadLimitApiFactory api) : IClassFixture<SmallUploadLimitApiFactory>
{
    private readonly HttpClient _admin = api.CreateAdminClient();
    private readonly HttpClient _anonymous = api.CreateClient();

    [Fact]
    public async Task Products_pages_and_image_lists_as_served_match_their_documented_schemas()
    {
        var contract = await OpenApiContract.FetchAsync(_anonymous);
        var created = await _admin.PostAsJsonAsync("/api/products", new { name = "Contract Owl", price = 12.5m, category = "ANIMAL" });
        var product = await contract.AssertMatchesAsync("POST", "/api/products", created);
        var id = product!["id"]!.GetValue<int>();

        await contract.AssertMatchesAsync("POST", "/api/products/{id}/images", await _admin.UploadAsync(id, ("front.png", TestImages.Png), ("back.gif", TestImages.Gif)));
        var read = await contract.AssertMatchesAsync("GET", "/api/products/{id}", await _anonymous.GetAsync($"/api/products/{id}"));
        Assert.Equal(2, read!["images"]!.AsArray().Count); // with images, so that the image schema is exercised too
        await contract.AssertMatchesAsync("GET", "/api/products/{id}/images", await _anonymous.GetAsync($"/api/products/{id}/images"));
        await contract.AssertMatchesAsync("GET", "/api/products/{id}", await _anonymous.GetAsync($"/api/products/{id}?variants=all")); // with the variants object
        await contract.AssertMatchesAsync("PUT", "/api/products/{id}",
            await _admin.PutAsJsonAsync($"/api/products/{id}", new { name = "Contract Owl", description = "Wise.", price = "13.00", category = "FANTASY" }));
        await _admin.CreateProductAsync("Second");
        var page = await contract.AssertMatchesAsync("GET", "/api/products", await _anonymous.GetAsync("/api/products?page_size=1"));
        Assert.NotNull(page!["next"]?.GetValue<string>()); // a page with a next link and one with null
        await contract.AssertMatchesAsync("GET", "/api/products", await _anonymous.GetAsync("/api/products?page_size=1&page=2"));
        var withoutImages = await _admin.CreateProductAsync("No images yet");
        var bare = await contract.AssertMatchesAsync("GET", "/api/products/{id}", await _anonymous.GetAsync($"/api/products/{withoutImages}"));
        Assert.Null(bare!["primary_image"]);
        await contract.AssertMatchesAsync("DELETE", "/api/products/{id}/images/{filename}", await _admin.DeleteAsync($"/api/products/{id}/images/back.gif"));
        await contract.AssertMatchesAsync("DELETE", "/api/products/{id}", await _admin.DeleteAsync($"/api/products/{withoutImages}"));
    }

    [Fact]
    public async Task Every_problem_status_as_served_matches_its_documented_problem_schema()
    {
        var contract = await OpenApiContract.FetchAsync(_anonymous);
        var id = await _admin.CreateProductAsync();
        await _admin.UploadAsync(id, ("front.png", TestImages.Png));
        using var customer = api.CreateClientWithToken(AdminTokens.Customer);

        var invalid = await contract.AssertMatchesAsync("POST", "/api/products",
            await _admin.PostAsJsonAsync("/api/products", new { name = "", price = -1, category = "DRAGON" }));
        Assert.NotEmpty(invalid!["errors"]!.AsObject());
        var invalidQuery = await contract.AssertMatchesAsync("GET", "/api/products", await _anonymous.GetAsync("/api/products?page_size=0"));
        Assert.NotNull(invalidQuery!["errors"]!["page_size"]);
        await AssertProblem(contract, "POST", "/api/products", 401, await _anonymous.PostAsJsonAsync("/api/products", new { name = "x" }));
        await AssertProblem(contract, "POST", "/api/products", 403, await customer.PostAsJsonAsync("/api/products", new { name = "x" }));
        await AssertProblem(contract, "GET", "/api/products/{id}", 404, await _anonymous.GetAsync("/api/products/999999"));
        await AssertProblem(contract, "GET", "/api/products/{id}/images", 404, await _anonymous.GetAsync("/api/products/999999/images"));
        await AssertProblem(contract, "POST", "/api/products/{id}/images", 409, await _admin.UploadAsync(id, ("front.png", TestImages.Gif)));
        await AssertProblem(contract, "POST", "/api/products/{id}/images", 413,
            await _admin.UploadAsync(id, ("big.png", TestImages.PngOfSize(SmallUploadLimitApiFactory.MaxFileBytes + 1))));
        await AssertProblem(contract, "POST", "/api/products/{id}/images", 415, await _admin.UploadAsync(id, ("notes.png", TestImages.Text)));
        await AssertProblem(contract, "DELETE", "/api/images/cache", 401, await _anonymous.DeleteAsync("/api/images/cache"));
    }

    [Fact]
    public async Task Every_example_in_the_document_is_valid_against_the_schema_it_illustrates()
    {
        var contract = await OpenApiContract.FetchAsync(_anonymous);
        var checkedExamples = 0;
        foreach (var (path, schema) in Schemas(contract.Document["components"]!["schemas"]!, "#/components/schemas"))
        {
            foreach (var example in schema["examples"]?.AsArray() ?? [])
            {
                contract.AssertValid(schema, example, $"the example of {path}");
                checkedExamples++;
            }
        }

        Assert.True(checkedExamples >= 5, $"only {checkedExamples} examples found");
    }

    [Fact]
    public async Task The_document_declares_the_wire_types_of_a_product_and_its_title_description_and_version()
    {
        var document = (await OpenApiContract.FetchAsync(_anonymous)).Document;
        var schemas = document["components"]!["schemas"]!;
        var product = schemas["Product"]!["properties"]!;

        Assert.Equal("integer", product["id"]!["type"]!.GetValue<string>());
        Assert.Equal("string", product["price"]!["type"]!.GetValue<string>());
        Assert.Equal(@"^\d+\.\d{2}$", product["price"]!["pattern"]!.GetValue<string>());
        Assert.Equal("25.00", product["price"]!["examples"]![0]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Category", product["category"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["ANIMAL", "DOLL", "FANTASY", "FOOD", "PLANT", "KEYCHAIN", "BABY"], schemas["Category"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()));
        foreach (var time in new[] { "created_at", "updated_at" })
            Assert.Equal(("string", "date-time"), (product[time]!["type"]!.GetValue<string>(), product[time]!["format"]!.GetValue<string>()));
        Assert.Contains(product["primary_image"]!["oneOf"]!.AsArray(), s => s!["type"]?.GetValue<string>() == "null");
        Assert.Equal(["count", "next", "previous", "results"], schemas["ProductPage"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.NotNull(schemas["ValidationProblemDetails"]!["properties"]!["errors"]);

        var info = document["info"]!;
        Assert.Equal("CleanShop catalog API", info["title"]!.GetValue<string>());
        Assert.Equal("1.0.0", info["version"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(info["description"]?.GetValue<string>()));
        Assert.All(document["servers"]!.AsArray(), server => Assert.False(server!["url"]!.GetValue<string>().EndsWith('/')));
    }

    [Fact]
    public async Task Every_write_requires_the_bearer_scheme_no_read_does_and_every_operation_has_a_summary_and_a_description()
    {
        var document = (await OpenApiContract.FetchAsync(_anonymous)).Document;
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal(("http", "bearer", "JWT"), (scheme["type"]!.GetValue<string>(), scheme["scheme"]!.GetValue<string>(), scheme["bearerFormat"]!.GetValue<string>()));

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Method: op.Key, Operation: op.Value!)))
            .ToList();
        Assert.Equal(13, operations.Count); // DELETE /api/images/cache stays as an alias of DELETE /api/image-cache; the two direct-upload POSTs are new
        foreach (var (name, method, operation) in operations)
        {
            var security = operation["security"]?.AsArray();
            if (method == "get") // said explicitly, one requirement naming no scheme (redocly's security-defined rule), where it was left unsaid before
                Assert.True(security is [JsonObject { Count: 0 }], $"{name} is a read and must say it requires no token");
            else
                Assert.True(security?.Any(s => s!.AsObject().ContainsKey("Bearer")) == true, $"{name} is a write and must require the bearer scheme");
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{name} has no description");
        }
    }

    [Fact]
    public async Task The_upload_body_is_a_multipart_form_whose_files_field_takes_many_binary_files()
    {
        var document = (await OpenApiContract.FetchAsync(_anonymous)).Document;
        var form = document["paths"]!["/api/products/{id}/images"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;

        Assert.Equal("object", form["type"]!.GetValue<string>());
        Assert.Equal("array", form["properties"]!["files"]!["type"]!.GetValue<string>());
        Assert.Equal(("string", "binary"), (form["properties"]!["files"]!["items"]!["type"]!.GetValue<string>(), form["properties"]!["files"]!["items"]!["format"]!.GetValue<string>()));
        var create = document["paths"]!["/api/products"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.Equal("#/components/schemas/CreateProductRequest", create);
    }

    [Fact]
    public async Task The_Scalar_page_is_titled_and_offers_the_bearer_scheme()
    {
        var page = await _anonymous.GetStringAsync("/scalar");

        Assert.Contains("<title>CleanShop catalog API</title>", page, StringComparison.Ordinal);
        Assert.Contains("\"preferredSecurityScheme", page, StringComparison.Ordinal);
        Assert.Contains("Bearer", page, StringComparison.Ordinal);
    }

    private static async Task AssertProblem(OpenApiContract contract, string method, string path, int status, HttpResponseMessage response)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await contract.AssertMatchesAsync(method, path, response);
        Assert.Equal(status, problem!["status"]!.GetValue<int>());
    }

    private static IEnumerable<(string Path, JsonNode Schema)> Schemas(JsonNode node, string path)
    {
        if (node is not JsonObject obj)
            yield break;
        if (obj.ContainsKey("type") || obj.ContainsKey("$ref") || obj.ContainsKey("oneOf"))
            yield return (path, obj);
        foreach (var (key, child) in obj)
        {
            if (key is "examples" || child is null)
                continue;
            foreach (var nested in Schemas(child, $"{path}/{key}"))
                yield return nested;
        }
    }
}
