using System.Net;
using System.Text;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.HostileInput;

/// <summary>
/// Malformed bodies written byte for byte on a socket: every one is a client's mistake, answered 400 (413/415
/// where they fit) with problem details, never 5xx, and none of them changes the catalog or the bucket.
/// </summary>
public sealed class MalformedBodyTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    private const string Boundary = "----cleanshop-boundary";

    private static byte[] Part(string boundary, string disposition, byte[] content) =>
        [.. Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: image/png\r\n\r\n"), .. content, .. "\r\n"u8];

    private static byte[] Close(string boundary) => Encoding.ASCII.GetBytes($"--{boundary}--\r\n");

    private static readonly string FilePart = "form-data; name=\"files\"; filename=\"front.png\"";

    public static TheoryData<string, byte[], int> Multiparts()
    {
        var good = Part(Boundary, FilePart, TestImages.Png);
        var manyParts = new List<byte>();
        for (var i = 0; i < 5000; i++)
            manyParts.AddRange(Part(Boundary, $"form-data; name=\"files\"; filename=\"f{i}.png\"", TestImages.Png));
        manyParts.AddRange(Close(Boundary));
        var manyFields = new List<byte>();
        for (var i = 0; i < 5000; i++)
            manyFields.AddRange(Part(Boundary, $"form-data; name=\"field{i}\"", "x"u8.ToArray()));
        manyFields.AddRange(Close(Boundary));
        return new TheoryData<string, byte[], int>
        {
            { "mismatched boundary", [.. Part("other-boundary", FilePart, TestImages.Png), .. Close("other-boundary")], 400 },
            { "no closing boundary", good, 400 },
            { "truncated part", good[..(good.Length - TestImages.Png.Length - 10)], 400 },
            { "part headers never end", Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: {FilePart}\r\nContent-Type: image/png"), 400 },
            { "missing filename", [.. Part(Boundary, "form-data; name=\"files\"", TestImages.Png), .. Close(Boundary)], 400 },
            { "no content disposition", [.. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: image/png\r\n\r\n"), .. TestImages.Png, .. "\r\n"u8, .. Close(Boundary)], 400 },
            { "empty body", [], 400 },
            { "only the closing boundary", Close(Boundary), 400 },
            { "garbage", "\0\0\0\0\xff\xfe not a form at all"u8.ToArray(), 400 },
            { "thousands of file parts", manyParts.ToArray(), 400 },
            { "thousands of fields", manyFields.ToArray(), 400 },
        };
    }

    [Theory]
    [MemberData(nameof(Multiparts))]
    public async Task A_malformed_multipart_upload_answers_4xx_problem_details_and_stores_nothing(string variant, byte[] body, int status)
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        var response = await api.Raw.SendAsync("POST", $"/api/products/{id}/images", AdminTokens.Admin, $"multipart/form-data; boundary={Boundary}", body);

        Assert.True(response.Status is >= 400 and < 500, $"{variant}: {response.Status} {response.Body}");
        response.AssertProblem(status);
        await AssertNoImagesAsync(id);
    }

    [Fact]
    public async Task A_part_header_line_of_a_bare_CR_answers_400_with_the_CR_escaped_in_the_detail()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        byte[] body = [.. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: {FilePart}\r\n\r\r\n"), .. TestImages.Png, .. "\r\n"u8, .. Close(Boundary)];

        var response = await api.Raw.SendAsync("POST", $"/api/products/{id}/images", AdminTokens.Admin, $"multipart/form-data; boundary={Boundary}", body);

        var detail = response.AssertProblem(400)["detail"]!.GetValue<string>();
        Assert.DoesNotContain(detail, char.IsControl);
        Assert.Contains("\\u000D", detail, StringComparison.Ordinal);
        await AssertNoImagesAsync(id);
    }

    [Theory]
    [InlineData("multipart/form-data", 400)] // no boundary
    [InlineData("multipart/form-data; boundary=", 400)]
    [InlineData("multipart/form-data; boundary=\"unterminated", 415)] // not a media type that can be parsed
    [InlineData("multipart/form-data; boundary=" + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789", 400)]
    public async Task A_multipart_content_type_without_a_usable_boundary_answers_400_or_415(string contentType, int status)
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        var response = await api.Raw.SendAsync("POST", $"/api/products/{id}/images", AdminTokens.Admin, contentType, [.. Part(Boundary, FilePart, TestImages.Png), .. Close(Boundary)]);

        response.AssertProblem(status);
        await AssertNoImagesAsync(id);
    }

    [Theory]
    [InlineData("application/json", "{}")]
    [InlineData("image/png", "png")]
    [InlineData("text/plain", "files=front.png")]
    public async Task An_upload_that_is_not_a_form_answers_415(string contentType, string body)
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        var response = await api.Raw.SendAsync("POST", $"/api/products/{id}/images", AdminTokens.Admin, contentType, Encoding.UTF8.GetBytes(body));

        response.AssertProblem(415);
    }

    public static TheoryData<string, byte[]> Jsons() => new()
    {
        { "name is a number", """{"name":42,"price":1,"category":"ANIMAL"}"""u8.ToArray() },
        { "price is a string of words", """{"name":"Toy","price":"cheap","category":"ANIMAL"}"""u8.ToArray() },
        { "price is an object", """{"name":"Toy","price":{"a":1},"category":"ANIMAL"}"""u8.ToArray() },
        { "is_featured is a string", """{"name":"Toy","price":1,"category":"ANIMAL","is_featured":"yes"}"""u8.ToArray() },
        { "price overflows decimal", """{"name":"Toy","price":1e400,"category":"ANIMAL"}"""u8.ToArray() },
        { "price is huge", """{"name":"Toy","price":79228162514264337593543950336000,"category":"ANIMAL"}"""u8.ToArray() },
        { "an array, not an object", """[{"name":"Toy","price":1,"category":"ANIMAL"}]"""u8.ToArray() },
        { "null", "null"u8.ToArray() },
        { "empty", [] },
        { "truncated", """{"name":"Toy","price":1,"categ"""u8.ToArray() },
        { "trailing garbage", """{"name":"Toy","price":1,"category":"ANIMAL"} x"""u8.ToArray() },
        { "deep nesting", Encoding.ASCII.GetBytes("{\"name\":\"Toy\",\"price\":1,\"category\":\"ANIMAL\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}") },
        { "invalid UTF-8", [.. "{\"name\":\"T"u8, 0xC3, 0x28, 0xFF, .. "y\",\"price\":1,\"category\":\"ANIMAL\"}"u8] },
        { "lone surrogate", """{"name":"Toy \ud800","price":1,"category":"ANIMAL"}"""u8.ToArray() },
        { "NUL in the name", """{"name":"Toy\u0000","price":1,"category":"ANIMAL"}"""u8.ToArray() },
        { "escape in the name", """{"name":"Toy\u001b[31m","price":1,"category":"ANIMAL"}"""u8.ToArray() },
        { "NUL in the description", """{"name":"Toy","description":"soft\u0000","price":1,"category":"ANIMAL"}"""u8.ToArray() },
        { "NUL in the category", """{"name":"Toy","price":1,"category":"ANIMAL\u0000"}"""u8.ToArray() },
        { "duplicate keys of different types", """{"name":"Toy","name":[1],"price":1,"category":"ANIMAL"}"""u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Jsons))]
    public async Task A_malformed_JSON_product_answers_400_problem_details_on_create_and_update_and_changes_nothing(string variant, byte[] body)
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync(name: "Unchanged");
        var before = (await admin.GetJsonObjectAsync("/api/products?page_size=100"))["count"]!.GetValue<int>();

        var created = await api.Raw.SendAsync("POST", "/api/products", AdminTokens.Admin, "application/json", body);
        var updated = await api.Raw.SendAsync("PUT", $"/api/products/{id}", AdminTokens.Admin, "application/json", body);

        Assert.True(created.Status == 400, $"{variant} (create): {created.Status} {created.Body}");
        Assert.True(updated.Status == 400, $"{variant} (update): {updated.Status} {updated.Body}");
        created.AssertProblem(400);
        updated.AssertProblem(400);
        Assert.Equal(before, (await admin.GetJsonObjectAsync("/api/products?page_size=100"))["count"]!.GetValue<int>());
        Assert.Equal("Unchanged", (await admin.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("name", "Toy\u0000", "name")]
    [InlineData("name", "Toy\u0007", "name")]
    [InlineData("name", "Toy\u0085", "name")]
    [InlineData("name", "Toy\nnext line", "name")]
    [InlineData("description", "soft\u0000", "description")]
    [InlineData("description", "soft\u001b[31m", "description")]
    public async Task A_control_character_in_a_text_field_is_refused_naming_the_field(string field, string value, string named)
    {
        var product = new Dictionary<string, object> { ["name"] = "Toy", ["description"] = "soft", ["price"] = 1, ["category"] = "ANIMAL" };
        product[field] = value;

        var response = await api.Raw.SendAsync("POST", "/api/products", AdminTokens.Admin, "application/json",
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(product));

        var problem = response.AssertProblem(400);
        Assert.NotNull(problem["errors"]![named]);
    }

    [Fact]
    public async Task A_description_keeps_its_newlines_and_tabs()
    {
        using var admin = api.CreateAdminClient();
        var response = await api.Raw.SendAsync("POST", "/api/products", AdminTokens.Admin, "application/json",
            """{"name":"Toy","description":"line one\r\nline two\tend","price":1,"category":"ANIMAL"}"""u8.ToArray());

        Assert.True(response.Status == 201, response.Body);
        Assert.Contains("line one\\r\\nline two\\tend", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_body_with_the_wrong_content_type_answers_415()
    {
        var response = await api.Raw.SendAsync("POST", "/api/products", AdminTokens.Admin, "text/plain",
            """{"name":"Toy","price":1,"category":"ANIMAL"}"""u8.ToArray());

        response.AssertProblem(415);
    }

    private async Task AssertNoImagesAsync(int id)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        Assert.Empty((await s3.ListObjectsV2Async(new() { BucketName = api.Isolation.Bucket, Prefix = $"{id}/" })).S3Objects ?? []);
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/products/{id}")).StatusCode);
    }
}
