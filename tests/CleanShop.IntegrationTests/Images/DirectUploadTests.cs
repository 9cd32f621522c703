using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amazon.S3;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Images;

/// <summary>
/// Direct uploads, end to end: the API issues presigned POST forms, a real browser posts a file straight to the store
/// (the emulator checks the policy as S3 does), and completing the upload judges the staged bytes as an API upload would.
/// </summary>
public sealed class DirectUploadTests(SmallUploadLimitApiFactory api, HeadlessBrowser browser)
    : IClassFixture<SmallUploadLimitApiFactory>, IClassFixture<HeadlessBrowser>
{
    private readonly HttpClient _admin = api.CreateAdminClient();

    [Fact]
    public async Task A_file_a_browser_posts_with_the_form_is_listed_once_the_upload_is_completed_and_its_staged_object_is_gone()
    {
        var id = await _admin.CreateProductAsync();
        var upload = await StartOneAsync(id, "front.png", TestImages.Png);
        Assert.Equal(["upload_id", "filename", "url", "fields", "expires_at"], upload.Select(p => p.Key));
        Assert.Equal("front.png", upload["filename"]!.GetValue<string>());

        var (status, _) = await PostAsync(upload, "whatever-the-browser-calls-it.png", TestImages.Png);
        Assert.Equal(HttpStatusCode.NoContent, status);
        // Staged, not listed: nothing a browser sends is served before it passed the upload rules.
        Assert.Empty((await _admin.GetJsonObjectAsync($"/api/products/{id}")).Filenames());

        var completed = await CompleteAsync(id, upload);
        Assert.Equal(HttpStatusCode.Created, completed.StatusCode);
        var image = (await completed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["url", "filename", "key", "expires_at"], image.Select(p => p.Key));
        Assert.Equal($"{id}/front.png", image["key"]!.GetValue<string>());

        Assert.Equal(["front.png"], (await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}")).Filenames());
        using var download = new HttpClient();
        var served = await download.GetAsync(image["url"]!.GetValue<string>());
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TestImages.Png, await served.Content.ReadAsByteArrayAsync());
        Assert.False(await StagedExistsAsync(upload));
        // Completing it again finds nothing: it was completed.
        (await (await CompleteAsync(id, upload)).AssertProblemAsync(404)).AssertDetailContains("no posted upload");
    }

    [Fact]
    public async Task A_post_after_the_policy_expired_is_refused_by_the_store_and_nothing_is_staged()
    {
        // The API's clock an hour behind: the form it issues expired long ago in the store's time.
        await using var lateApi = new SmallUploadLimitApiFactory { Clock = new(DateTimeOffset.UtcNow.AddHours(-1)) };
        await lateApi.InitializeAsync();
        var admin = lateApi.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        var upload = await StartOneAsync(id, "late.png", TestImages.Png, admin);

        var (status, body) = await PostAsync(upload, "late.png", TestImages.Png);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<Code>AccessDenied</Code>", body, StringComparison.Ordinal);
        Assert.Contains("Policy expired", body, StringComparison.Ordinal);
        await (await CompleteAsync(id, upload, admin)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_posted_file_over_the_size_limit_is_refused_by_the_store_and_one_declared_over_it_gets_no_form()
    {
        var id = await _admin.CreateProductAsync();
        var big = TestImages.PngOfSize(SmallUploadLimitApiFactory.MaxFileBytes + 1);

        var refused = await StartAsync(id, [new { filename = "big.png", size = big.Length, sha256 = Sha256(big) }]);
        (await refused.AssertProblemAsync(413)).AssertDetailContains("'big.png'");

        // Declared small, posted big: the policy's content-length-range stops it at the store.
        var upload = await StartOneAsync(id, "big.png", TestImages.Png);
        var (status, body) = await PostAsync(upload, "big.png", big);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>EntityTooLarge</Code>", body, StringComparison.Ordinal);
        Assert.False(await StagedExistsAsync(upload));
    }

    [Fact]
    public async Task A_text_file_renamed_png_is_refused_at_completion_with_415_and_its_staged_object_deleted()
    {
        var id = await _admin.CreateProductAsync();
        var upload = await StartOneAsync(id, "photo.png", TestImages.Text);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(upload, "photo.png", TestImages.Text)).Status);

        (await (await CompleteAsync(id, upload)).AssertProblemAsync(415)).AssertDetailContains("'photo.png' is not a JPEG, PNG, GIF or WebP image");

        Assert.False(await StagedExistsAsync(upload));
        Assert.Empty((await _admin.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
    }

    [Fact]
    public async Task A_posted_file_whose_SHA256_is_not_the_declared_one_is_refused_with_422_and_its_staged_object_deleted()
    {
        var id = await _admin.CreateProductAsync();
        var upload = await StartOneAsync(id, "front.gif", TestImages.Gif);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(upload, "front.gif", TestImages.Jpeg)).Status);

        (await (await CompleteAsync(id, upload)).AssertProblemAsync(422)).AssertDetailContains($"not the {Sha256(TestImages.Gif)} declared");

        Assert.False(await StagedExistsAsync(upload));
        Assert.Empty((await _admin.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
    }

    [Fact]
    public async Task File_names_are_judged_before_any_form_is_issued_as_an_API_upload_would_judge_them()
    {
        var id = await _admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await _admin.UploadAsync(id, ("taken.png", TestImages.Png))).StatusCode);

        (await (await StartAsync(id, [Declared("../escape.png", TestImages.Png)])).AssertProblemAsync(400)).AssertDetailContains("escape.png");
        (await (await StartAsync(id, [Declared("a.png", TestImages.Png), Declared("a.png", TestImages.Gif)])).AssertProblemAsync(400)).AssertDetailContains("named twice");
        (await (await StartAsync(id, [Declared("taken.png", TestImages.Gif)])).AssertProblemAsync(409)).AssertDetailContains("overwrite=true");
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(id, [Declared("taken.png", TestImages.Gif)], overwrite: true)).StatusCode);
        (await (await StartAsync(id, [new { filename = "x.png", size = 1, sha256 = "not-a-hash" }])).AssertProblemAsync(400)).AssertDetailContains("sha256");
        await (await StartAsync(id + 1000, [Declared("a.png", TestImages.Png)])).AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_replacing_direct_upload_needs_overwrite_and_then_serves_the_new_bytes()
    {
        var id = await _admin.CreateProductAsync();
        await _admin.UploadAsync(id, ("front.png", TestImages.Png));

        var upload = await StartOneAsync(id, "front.png", TestImages.Gif, overwrite: true);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(upload, "front.png", TestImages.Gif)).Status);
        var image = (await (await CompleteAsync(id, upload)).Content.ReadFromJsonAsync<JsonObject>())!;

        using var download = new HttpClient();
        var served = await download.GetAsync(image["url"]!.GetValue<string>());
        Assert.Equal("image/gif", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TestImages.Gif, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_store_refuses_a_form_whose_key_metadata_or_signature_was_changed()
    {
        var id = await _admin.CreateProductAsync();
        var upload = await StartOneAsync(id, "front.png", TestImages.Png);
        var fields = Fields(upload);

        foreach (var (field, value, code) in new[]
        {
            ("key", $"{id}/front.png", "AccessDenied"), // straight into the product's prefix, past the API's checks
            ("x-amz-meta-product-id", "1", "AccessDenied"),
            ("x-amz-signature", new string('0', 64), "SignatureDoesNotMatch"),
        })
        {
            var tampered = new Dictionary<string, string>(fields) { [field] = value };
            var (status, body) = await browser.PostFormAsync(upload["url"]!.GetValue<string>(), tampered, "front.png", TestImages.Png);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains($"<Code>{code}</Code>", body, StringComparison.Ordinal);
        }

        var extra = new Dictionary<string, string>(fields) { ["x-amz-meta-extra"] = "1" };
        Assert.Contains("Extra input fields", (await browser.PostFormAsync(upload["url"]!.GetValue<string>(), extra, "front.png", TestImages.Png)).Body, StringComparison.Ordinal);
        Assert.False(await StagedExistsAsync(upload));
        await (await CompleteAsync(id, upload)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task An_upload_id_of_another_product_or_of_no_upload_is_a_404_without_asking_the_store()
    {
        var id = await _admin.CreateProductAsync();
        var other = await _admin.CreateProductAsync();
        var upload = await StartOneAsync(id, "front.png", TestImages.Png);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(upload, "front.png", TestImages.Png)).Status);

        await (await CompleteAsync(other, upload)).AssertProblemAsync(404);
        var before = api.S3Calls.RequestPathCalls;
        (await (await _admin.PostAsync($"/api/products/{id}/image-uploads/..%2F1%2Ffront.png/complete", null)).AssertProblemAsync(404)).AssertDetailContains("no posted upload");
        (await (await _admin.PostAsync($"/api/products/{id}/image-uploads/{new string('A', 32)}/complete", null)).AssertProblemAsync(404)).AssertDetailContains("no posted upload");
        Assert.Equal(before, api.S3Calls.RequestPathCalls);
        Assert.True(await StagedExistsAsync(upload)); // still there, for its own product
    }

    [Fact]
    public async Task Starting_and_completing_direct_uploads_needs_the_admin_role()
    {
        var id = await _admin.CreateProductAsync();
        var anonymous = api.CreateClient();
        var customer = api.CreateClientWithToken(AdminTokens.Customer);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/products/{id}/image-uploads", new { files = new[] { Declared("a.png", TestImages.Png) } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync($"/api/products/{id}/image-uploads", new { files = new[] { Declared("a.png", TestImages.Png) } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsync($"/api/products/{id}/image-uploads/{new string('a', 32)}/complete", null)).StatusCode);
    }

    private static object Declared(string filename, byte[] bytes) => new { filename, size = bytes.Length, sha256 = Sha256(bytes) };

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private Task<HttpResponseMessage> StartAsync(int id, object[] files, bool overwrite = false, HttpClient? admin = null) =>
        (admin ?? _admin).PostAsJsonAsync($"/api/products/{id}/image-uploads{(overwrite ? "?overwrite=true" : "")}", new { files });

    private async Task<JsonObject> StartOneAsync(int id, string filename, byte[] declared, HttpClient? admin = null, bool overwrite = false)
    {
        var response = await StartAsync(id, [Declared(filename, declared)], overwrite, admin);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["uploads"]!.AsArray().Single()!.AsObject();
    }

    private static Dictionary<string, string> Fields(JsonObject upload) =>
        upload["fields"]!.AsObject().ToDictionary(f => f.Key, f => f.Value!.GetValue<string>());

    private Task<(HttpStatusCode Status, string Body)> PostAsync(JsonObject upload, string fileName, byte[] bytes) =>
        browser.PostFormAsync(upload["url"]!.GetValue<string>(), Fields(upload), fileName, bytes);

    private Task<HttpResponseMessage> CompleteAsync(int id, JsonObject upload, HttpClient? admin = null) =>
        (admin ?? _admin).PostAsync($"/api/products/{id}/image-uploads/{upload["upload_id"]!.GetValue<string>()}/complete", null);

    private async Task<bool> StagedExistsAsync(JsonObject upload)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        try
        {
            await s3.GetObjectMetadataAsync(api.Isolation.Bucket, "uploads/" + upload["upload_id"]!.GetValue<string>());
            return true;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
