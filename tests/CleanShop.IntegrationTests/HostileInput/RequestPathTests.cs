using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.HostileInput;

/// <summary>
/// Raw request targets over a socket, on a real Kestrel port: a dot segment or an encoded slash is refused
/// with 400 before routing, so that no image name can turn into another route (the product's delete).
/// </summary>
public sealed class RequestPathTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

    // {id} is a product with an image; {other} another product.
    private static readonly string[] HostileTargets =
    [
        "/api/products/{id}/images/%2e%2e",
        "/api/products/{id}/images/%2E%2E",
        "/api/products/{id}/images/.%2e",
        "/api/products/{id}/images/%2E.",
        "/api/products/{id}/images/..",
        "/api/products/{id}/images/.",
        "/api/products/{id}/images/%2e",
        "/api/products/{id}/images/%2e%2e/",
        "/api/products/{id}/images/%2e%2e/%2e%2e/{other}",
        "/api/products/{id}/images/../../{other}",
        "/api/products/{id}/./images",
        "/api/products/{id}/images/%2e%2e?overwrite=true",
        "/api/products/{id}%2Fimages",
        "/api/products/{id}/images/a%2fb.png",
        "/api/products/{id}/images/%2F",
        "http://{authority}/api/products/{id}/images/%2e%2e", // absolute form
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in HostileTargets)
            foreach (var method in Methods)
                data.Add(method, target);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_dot_segment_or_an_encoded_slash_in_the_raw_target_answers_400_problem_details_and_changes_nothing(string method, string target)
    {
        var (id, other) = await CreateTwoProductsWithAnImageAsync();
        var raw = target.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{other}", other.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{authority}", api.Address.Authority, StringComparison.Ordinal);

        var response = await api.Raw.SendAsync(method, raw, AdminTokens.Admin);

        var problem = response.AssertProblem(400);
        Assert.Contains("dot segments", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var client = api.CreateClient();
        foreach (var product in new[] { id, other })
            Assert.Equal(["front.png"], (await client.GetJsonObjectAsync($"/api/products/{product}")).Filenames());
    }

    [Theory]
    [InlineData("/api/products/{id}/", 200)]
    [InlineData("/api/products/{id}/images/..a.png", 404)] // a name that starts with dots is a name, not a dot segment
    [InlineData("/api/products/{id}/images/%252e%252e", 404)] // double-encoded: the name "%2e%2e", not a dot segment
    [InlineData("/api/products/{id}/images/%01", 404)] // a control character: no image can carry one, and S3's XML cannot (found by the fuzz test: it was 500)
    [InlineData("/api/products/-1/images/%01/", 404)]
    [InlineData("/api/products?page=..&category=%2e%2e", 400)] // the query string is not the path
    public async Task Targets_without_dot_segments_reach_their_route(string target, int status)
    {
        var (id, _) = await CreateTwoProductsWithAnImageAsync();

        var method = target.Contains("/images/", StringComparison.Ordinal) ? "DELETE" : "GET";
        var response = await api.Raw.SendAsync(method, target.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), AdminTokens.Admin);

        Assert.True(status == response.Status, $"{target}: expected {status}, got {response.Status}: {response.Body}");
        if (status == 404)
            Assert.DoesNotContain("dot segments", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%1B%5B31mred.png", "\\u001B[31mred.png")] // an ANSI colour escape, printed by the CLI to a terminal
    [InlineData("%E2%80%AEgnp.exe", "\\u202Egnp.exe")] // RIGHT-TO-LEFT OVERRIDE
    public async Task Deleting_a_name_with_a_control_or_format_character_answers_404_naming_it_with_the_character_escaped(string segment, string shown)
    {
        var (id, _) = await CreateTwoProductsWithAnImageAsync();

        var response = await api.Raw.SendAsync("DELETE", $"/api/products/{id}/images/{segment}", AdminTokens.Admin);

        var detail = response.AssertProblem(404)["detail"]!.GetValue<string>();
        Assert.Equal($"Product {id} has no image '{shown}'.", detail);
    }

    public static TheoryData<string, string> ImpossibleNames() => new()
    {
        { new string('x', 256), "256 characters: over the 255 a stored image's name can have" },
        { new string('x', 3000), "3,000 characters: S3 itself would refuse the key (KeyTooLongError)" },
        { string.Concat(Enumerable.Repeat("日", 342)), "1,026 bytes of UTF-8: over S3's 1,024-byte key" },
        { "next\u0085line.png", "a control character (NEL): S3 cannot list such a key" },
        { "..", "a dot segment" },
    };

    [Theory]
    [MemberData(nameof(ImpossibleNames))]
    public async Task Deleting_a_name_no_stored_image_can_have_answers_404_naming_it_and_never_asks_S3(string name, string why)
    {
        var (id, _) = await CreateTwoProductsWithAnImageAsync();
        var s3CallsBefore = api.S3Calls.RequestPathCalls;

        // Sent as the client wrote it, percent-encoded in one raw request target (".." is the route guard's: 400).
        var response = await api.Raw.SendAsync("DELETE", $"/api/products/{id}/images/{Uri.EscapeDataString(name)}", AdminTokens.Admin);

        if (name == "..")
        {
            response.AssertProblem(400);
        }
        else
        {
            var detail = response.AssertProblem(404)["detail"]!.GetValue<string>();
            Assert.StartsWith($"Product {id} has no image '", detail, StringComparison.Ordinal);
        }

        Assert.True(s3CallsBefore == api.S3Calls.RequestPathCalls, $"{why}: S3 was asked");
    }

    [Fact]
    public async Task A_refused_category_is_named_in_the_400_with_its_control_characters_escaped()
    {
        var response = await api.Raw.SendAsync("GET", "/api/products?category=%1B%5B31mRED");

        var message = response.AssertProblem(400)["errors"]!["category"]!.AsArray().Single()!.GetValue<string>();
        Assert.StartsWith("'\\u001B[31mRED' is not a category", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_image_the_API_lists_can_be_deleted_by_its_name_whatever_the_name()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("cache", TestImages.Png))).StatusCode);
        // Names another tool may have stored, which the API lists.
        string[] stored = ["a b.png", "a+b.png", "100%.png", "x%2Fy.png", "ünïcödé.png", "日本.png", "cafe\u0301.png", " padded.png ", "image-cache", "\u202Egnp.exe"];
        using var s3 = CleanShopApiFactory.CreateS3Client();
        foreach (var name in stored)
            await s3.PutObjectAsync(new() { BucketName = api.Isolation.Bucket, Key = $"{id}/{name}", ContentBody = "x" });
        await admin.DeleteAsync($"/api/products/{id}/image-cache");

        var listed = (await admin.GetFromJsonAsync<JsonArray>($"/api/products/{id}/images"))!
            .Select(i => i!["filename"]!.GetValue<string>()).ToArray();
        Assert.Equal(stored.Length + 1, listed.Length);

        foreach (var name in listed)
        {
            var response = await api.Raw.SendAsync("DELETE", $"/api/products/{id}/images/{Uri.EscapeDataString(name)}", AdminTokens.Admin);
            Assert.True(response.Status == 204, $"'{name}': {response.Status} {response.Body}");
        }

        Assert.Empty((await s3.ListObjectsV2Async(new() { BucketName = api.Isolation.Bucket, Prefix = $"{id}/" })).S3Objects ?? []);
        Assert.Empty((await admin.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
    }

    [Fact]
    public async Task Cache_clearing_answers_on_its_own_routes_and_the_old_global_alias()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/products/{id}/image-cache")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/image-cache")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/images/cache")).StatusCode);
        // The former per-product route is an image's name now.
        await (await admin.DeleteAsync($"/api/products/{id}/images/cache")).AssertProblemAsync(404);
    }

    private async Task<(int Id, int Other)> CreateTwoProductsWithAnImageAsync()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        var other = await admin.CreateProductAsync();
        foreach (var product in new[] { id, other })
            Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(product, ("front.png", TestImages.Png))).StatusCode);
        return (id, other);
    }
}
