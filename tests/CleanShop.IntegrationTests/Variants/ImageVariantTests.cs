using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using CleanShop.Infrastructure.Telemetry;
using CleanShop.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NetVips;

namespace CleanShop.IntegrationTests.Variants;

/// <summary>
/// Variants made by real libvips in the API's background worker, stored in the real S3 emulator, and read back from
/// it by a second S3 client: their keys, their WebP bytes and sizes, and the original their metadata names.
/// </summary>
public sealed class ImageVariantTests : IAsyncLifetime
{
    private readonly CleanShopApiFactory _api = new();
    private readonly TempFolder _files = new();
    private AmazonS3Client _s3 = null!;
    private MetricCollector<long> _made = null!;
    private MetricCollector<long> _failed = null!;

    public async Task InitializeAsync()
    {
        _api.Settings["ImageIndex:SweepInterval"] = "00:00:01";
        _api.Settings["ImageVariants:Enabled"] = "true";
        await _api.InitializeAsync();
        var meters = _api.Services.GetRequiredService<IMeterFactory>();
        _made = new MetricCollector<long>(meters, CatalogMetrics.MeterName, "cleanshop.image_variants.made");
        _failed = new MetricCollector<long>(meters, CatalogMetrics.MeterName, "cleanshop.image_variants.failed");
        _s3 = CleanShopApiFactory.CreateS3Client();
    }

    [Fact]
    public async Task An_image_uploaded_through_the_API_gets_thumb_medium_and_large_WebP_variants_under_variants_naming_its_SHA_256_and_its_product_prefix_keeps_only_the_original()
    {
        var admin = _api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        var original = Picture(1000, 600, "png");

        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("front.png", original))).StatusCode);

        await WaitForVariantsAsync(id, "front.png", Convert.ToHexStringLower(SHA256.HashData(original)));
        await AssertVariantAsync(id, "front.png", "thumb", 320, 320);
        await AssertVariantAsync(id, "front.png", "medium", 800, 480);
        await AssertVariantAsync(id, "front.png", "large", 1000, 600); // never upscaled
        var productPrefix = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _api.Isolation.Bucket, Prefix = $"{id}/" });
        Assert.Equal([$"{id}/front.png"], productPrefix.S3Objects.Select(o => o.Key));
        Assert.Equal(["front.png"], (await _api.CreateClient().GetJsonObjectAsync($"/api/products/{id}")).Filenames());
    }

    [Fact]
    public async Task Making_an_originals_variants_counts_one_made_per_variant_name_and_records_one_processing_duration()
    {
        using var seconds = new MetricCollector<double>(_api.Services.GetRequiredService<IMeterFactory>(), CatalogMetrics.MeterName, "cleanshop.image_variants.processing.duration");
        var admin = _api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        await admin.UploadAsync(id, ("counted.png", Picture(700, 500, "png")));

        await Eventually.HoldsAsync("three variants counted", () => _made.GetMeasurementSnapshot().Sum(m => m.Value) == 3, TimeSpan.FromSeconds(30));
        Assert.Equal(["large", "medium", "thumb"], _made.GetMeasurementSnapshot().Select(m => (string)m.Tags["variant"]!).Order(StringComparer.Ordinal));
        await Eventually.HoldsAsync("one processing duration", () => seconds.GetMeasurementSnapshot().Count == 1);
        Assert.True(seconds.GetMeasurementSnapshot().Single().Value > 0);
        Assert.Equal(0, _failed.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task An_image_uploaded_through_the_command_line_gets_its_variants_from_a_running_API_instance()
    {
        var id = await _api.CreateAdminClient().CreateProductAsync();
        var original = Picture(640, 480, "jpg");

        var result = await CleanShopCli.RunAsync(_api, "images", "upload", "--product-id", $"{id}", "--images", _files.Write("side.jpg", original));

        Assert.True(result.ExitCode == 0, result.ToString());
        await WaitForVariantsAsync(id, "side.jpg", Convert.ToHexStringLower(SHA256.HashData(original)));
        await AssertVariantAsync(id, "side.jpg", "thumb", 320, 320);
        await AssertVariantAsync(id, "side.jpg", "medium", 640, 480);
    }

    [Fact]
    public async Task An_image_a_browser_uploads_directly_to_S3_gets_its_variants_once_the_upload_is_completed()
    {
        var admin = _api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        var original = Picture(900, 600, "jpg");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(original));
        var started = await admin.PostAsJsonAsync($"/api/products/{id}/image-uploads", new { files = new[] { new { filename = "direct.jpg", size = original.Length, sha256 } } });
        var upload = (await started.Content.ReadFromJsonAsync<JsonObject>())!["uploads"]![0]!.AsObject();
        await using var browser = new HeadlessBrowser();
        await browser.InitializeAsync();
        var fields = upload["fields"]!.AsObject().ToDictionary(f => f.Key, f => f.Value!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostFormAsync(upload["url"]!.GetValue<string>(), fields, "direct.jpg", original)).Status);

        var completed = await admin.PostAsync($"/api/products/{id}/image-uploads/{upload["upload_id"]!.GetValue<string>()}/complete", null);

        Assert.Equal(HttpStatusCode.Created, completed.StatusCode);
        await WaitForVariantsAsync(id, "direct.jpg", sha256);
        await AssertVariantAsync(id, "direct.jpg", "medium", 800, 533);
    }

    [Fact]
    public async Task An_original_put_by_another_S3_client_gets_its_variants_from_the_sweep_named_by_its_ETag()
    {
        var id = await _api.CreateAdminClient().CreateProductAsync();

        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _api.Isolation.Bucket, Key = $"{id}/synced.gif", InputStream = new MemoryStream(Picture(400, 400, "gif")) });

        await WaitForVariantsAsync(id, "synced.gif", put.ETag);
        await AssertVariantAsync(id, "synced.gif", "thumb", 320, 320);
        await AssertVariantAsync(id, "synced.gif", "large", 400, 400);
    }

    [Fact]
    public async Task A_replaced_original_gets_variants_made_from_its_new_bytes()
    {
        var admin = _api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("pic.webp", Picture(1000, 600, "webp")));
        await WaitForVariantsAsync(id, "pic.webp", source: null);
        var replacement = Picture(1600, 1000, "webp");

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/products/{id}/images?overwrite=true", HttpExtensions.Files(("pic.webp", replacement)))).StatusCode);

        await WaitForVariantsAsync(id, "pic.webp", Convert.ToHexStringLower(SHA256.HashData(replacement)));
        await AssertVariantAsync(id, "pic.webp", "medium", 800, 500); // the original made 800 x 480
    }

    [Fact]
    public async Task An_original_replaced_by_another_S3_client_right_after_its_variants_were_made_gets_new_ones_from_the_sweep()
    {
        var id = await _api.CreateAdminClient().CreateProductAsync();
        var key = $"{id}/synced.png";
        var first = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _api.Isolation.Bucket, Key = key, InputStream = new MemoryStream(Picture(1000, 600, "png")) });
        await WaitForVariantsAsync(id, "synced.png", first.ETag);

        // Most likely within the second its variants were written: S3's listing cannot tell which came first, their metadata can.
        var second = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _api.Isolation.Bucket, Key = key, InputStream = new MemoryStream(Picture(1600, 1000, "png")) });

        await WaitForVariantsAsync(id, "synced.png", second.ETag);
        await AssertVariantAsync(id, "synced.png", "medium", 800, 500);
    }

    [Fact]
    public async Task With_ImageVariants_Bucket_set_variants_are_stored_and_served_from_that_bucket_and_the_images_bucket_holds_only_originals()
    {
        await using var api = new CleanShopApiFactory();
        var variantsBucket = api.Isolation.Bucket + "-variants";
        api.Settings["ImageVariants:Enabled"] = "true";
        api.Settings["ImageVariants:Bucket"] = variantsBucket;
        await _s3.PutBucketAsync(variantsBucket);
        await api.InitializeAsync();
        var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        await admin.UploadAsync(id, ("front.png", Picture(1000, 600, "png")));

        var reader = api.CreateClient();
        await Eventually.HoldsAsync("the thumb served", async () =>
            (await reader.GetJsonObjectAsync($"/api/products/{id}?variants=thumb"))["images"]![0]!["variants"]!.AsObject().ContainsKey("thumb"), TimeSpan.FromSeconds(30));
        var made = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = variantsBucket, Prefix = $"variants/{id}/" });
        Assert.Equal([$"variants/{id}/front.png/large.webp", $"variants/{id}/front.png/medium.webp", $"variants/{id}/front.png/thumb.webp"], made.S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal));
        var images = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = api.Isolation.Bucket });
        Assert.Equal([$"{id}/front.png"], images.S3Objects.Select(o => o.Key));
        var url = new Uri((string)(await reader.GetJsonObjectAsync($"/api/products/{id}?variants=thumb"))["images"]![0]!["variants"]!["thumb"]!["url"]!);
        Assert.StartsWith($"/{variantsBucket}/variants/{id}/front.png/thumb.webp", url.AbsolutePath, StringComparison.Ordinal);
        using var download = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await download.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Deleting_an_original_deletes_its_variants_and_deleting_the_product_deletes_all_of_them()
    {
        var admin = _api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("a.png", Picture(300, 200, "png")), ("b.png", Picture(200, 300, "png")));
        await WaitForVariantsAsync(id, "a.png", source: null);
        await WaitForVariantsAsync(id, "b.png", source: null);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/products/{id}/images/a.png")).StatusCode);
        Assert.Empty(await VariantKeysAsync($"variants/{id}/a.png/"));
        Assert.Equal(3, (await VariantKeysAsync($"variants/{id}/b.png/")).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/products/{id}")).StatusCode);
        Assert.Empty(await VariantKeysAsync($"variants/{id}/"));
    }

    [Fact]
    public async Task A_corrupt_original_yields_no_variant_one_counted_failure_not_retried_by_later_sweeps_and_the_API_keeps_serving_it()
    {
        var id = await _api.CreateAdminClient().CreateProductAsync();
        var corrupt = Picture(600, 400, "png")[..120]; // a PNG header, then nothing

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _api.Isolation.Bucket, Key = $"{id}/broken.png", InputStream = new MemoryStream(corrupt) });

        await Eventually.HoldsAsync("one failure counted", () => _failed.GetMeasurementSnapshot().Sum(m => m.Value) == 1);
        var sweeps = _api.S3Calls.Sweeps;
        await _api.S3Calls.WaitForSweepsAsync(after: sweeps, count: 3);
        Assert.Equal(1, _failed.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Empty(await VariantKeysAsync($"variants/{id}/"));
        Assert.Equal(["broken.png"], (await _api.CreateClient().GetJsonObjectAsync($"/api/products/{id}")).Filenames());
    }

    [Fact]
    public async Task A_decompression_bomb_put_by_another_client_is_refused_from_its_header_counted_once_and_the_instance_stays_ready()
    {
        var id = await _api.CreateAdminClient().CreateProductAsync();
        var bomb = Picture(10, 10, "png");
        // IHDR's width and height (bytes 16 to 23, big-endian): 50,000 x 50,000, 2.5 gigapixels, 7.5 GB decoded.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), 50_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), 50_000);

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _api.Isolation.Bucket, Key = $"{id}/bomb.png", InputStream = new MemoryStream(bomb) });

        await Eventually.HoldsAsync("one failure counted", () => _failed.GetMeasurementSnapshot().Sum(m => m.Value) == 1);
        var client = _api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(["bomb.png"], (await client.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
        Assert.Empty(await VariantKeysAsync($"variants/{id}/"));
    }

    [Fact]
    public async Task An_original_larger_than_ImageUpload_MaxFileBytes_is_never_downloaded_and_counts_one_failure()
    {
        await using var api = new CleanShopApiFactory();
        api.Settings["ImageVariants:Enabled"] = "true";
        api.Settings["ImageIndex:SweepInterval"] = "00:00:01";
        api.Settings["ImageUpload:MaxFileBytes"] = "2000";
        await api.InitializeAsync();
        using var failed = new MetricCollector<long>(api.Services.GetRequiredService<IMeterFactory>(), CatalogMetrics.MeterName, "cleanshop.image_variants.failed");
        var id = await api.CreateAdminClient().CreateProductAsync();
        using var noise = Image.Gaussnoise(200, 200);
        var large = noise.Cast(Enums.BandFormat.Uchar).PngsaveBuffer();
        Assert.True(large.Length > 2000);

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = api.Isolation.Bucket, Key = $"{id}/large.png", InputStream = new MemoryStream(large) });

        await Eventually.HoldsAsync("one failure counted", () => failed.GetMeasurementSnapshot().Sum(m => m.Value) == 1);
        await api.S3Calls.WaitForSweepsAsync(after: api.S3Calls.Sweeps, count: 2);
        Assert.Equal(1, failed.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(0, api.S3Calls.Count("GetObject", "variants"));
    }

    [Fact]
    public async Task A_variant_another_S3_client_deletes_is_made_again_by_the_sweep_and_its_served_URL_works_again()
    {
        var admin = _api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("kept.png", Picture(700, 500, "png")));
        await WaitForVariantsAsync(id, "kept.png", source: null);
        var made = _made.GetMeasurementSnapshot().Sum(m => m.Value);

        await _s3.DeleteObjectAsync(_api.Isolation.Bucket, $"variants/{id}/kept.png/thumb.webp");

        await WaitForVariantsAsync(id, "kept.png", source: null);
        Assert.True(_made.GetMeasurementSnapshot().Sum(m => m.Value) > made);
        using var download = new HttpClient();
        await Eventually.HoldsAsync("the served thumb URL answers 200", async () =>
        {
            var thumb = (await _api.CreateClient().GetJsonObjectAsync($"/api/products/{id}?variants=thumb"))["images"]![0]!["variants"]!["thumb"];
            return thumb is not null && (await download.GetAsync((string)thumb["url"]!)).StatusCode == HttpStatusCode.OK;
        });
    }

    [Fact]
    public async Task A_variant_whose_original_is_gone_is_removed_by_the_sweep()
    {
        var id = await _api.CreateAdminClient().CreateProductAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _api.Isolation.Bucket, Key = $"variants/{id}/ghost.png/thumb.webp", InputStream = new MemoryStream(Picture(32, 32, "webp")) });

        await Eventually.HoldsAsync("the orphan removed", async () => (await VariantKeysAsync($"variants/{id}/")).Count == 0);
    }

    [Theory]
    [InlineData("/api/products?variants=nope")]
    [InlineData("/api/products/{id}?variants=thumb,nope")]
    [InlineData("/api/products/{id}/images?variants=nope")]
    public async Task An_unknown_variant_name_answers_400_problem_details_naming_it(string route)
    {
        var id = await _api.CreateAdminClient().CreateProductAsync();

        var response = await _api.CreateClient().GetAsync(route.Replace("{id}", $"{id}", StringComparison.Ordinal));

        var problem = await response.AssertProblemAsync(400);
        problem.AssertDetailContains("'nope' is not an image variant; choose from thumb, medium, large or all");
    }

    [Fact]
    public async Task Asked_for_variants_each_image_carries_only_those_made_with_a_working_WebP_URL_its_size_and_expiry_and_without_the_parameter_none()
    {
        var admin = _api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("a.png", Picture(1000, 600, "png")));
        var reader = _api.CreateClient();
        await Eventually.HoldsAsync("the variants served", async () =>
            (await reader.GetJsonObjectAsync($"/api/products/{id}?variants=all"))["images"]![0]!["variants"]!.AsObject().Count == 3, TimeSpan.FromSeconds(30));

        var image = (await reader.GetJsonObjectAsync($"/api/products/{id}?variants=thumb,medium"))["images"]![0]!.AsObject();

        Assert.Equal(["url", "filename", "key", "expires_at", "variants"], image.Select(p => p.Key));
        var variants = image["variants"]!.AsObject();
        Assert.Equal(["thumb", "medium"], variants.Select(p => p.Key));
        Assert.Equal(["url", "width", "height", "expires_at"], variants["thumb"]!.AsObject().Select(p => p.Key));
        Assert.Equal((320, 320), ((int)variants["thumb"]!["width"]!, (int)variants["thumb"]!["height"]!));
        Assert.Equal((800, 480), ((int)variants["medium"]!["width"]!, (int)variants["medium"]!["height"]!));
        Assert.True(DateTimeOffset.Parse((string)variants["thumb"]!["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(30));
        using var download = new HttpClient();
        var thumb = await download.GetAsync((string)variants["thumb"]!["url"]!);
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        using (var decoded = Image.NewFromBuffer(await thumb.Content.ReadAsByteArrayAsync()))
            Assert.Equal("webpload_buffer", decoded.Get("vips-loader"));

        var page = await reader.GetJsonObjectAsync("/api/products?variants=large");
        Assert.Equal(["large"], page["results"]![0]!["images"]![0]!["variants"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["large"], page["results"]![0]!["primary_image"]!["variants"]!.AsObject().Select(p => p.Key));
        var alone = (await reader.GetJsonArrayAsync($"/api/products/{id}/images?variants=medium"))[0]!.AsObject();
        Assert.Equal(["medium"], alone["variants"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("variants", (await reader.GetJsonObjectAsync($"/api/products/{id}"))["images"]![0]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("\"variants\"", await reader.GetStringAsync("/api/products"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_variants_expires_at_is_the_expiry_signed_into_its_URL_and_the_sweep_signs_it_again_with_its_original()
    {
        await using var api = new CleanShopApiFactory();
        api.Settings["ImageVariants:Enabled"] = "true";
        api.Settings["ImageIndex:SweepInterval"] = "00:00:01";
        api.Settings["ImageCache:UrlLifetime"] = "00:01:00";
        api.Settings["ImageCache:RefreshBuffer"] = "00:00:50";
        await api.InitializeAsync();
        var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("signed.png", Picture(700, 500, "png")));
        var reader = api.CreateClient();
        JsonObject image = null!;
        await Eventually.HoldsAsync("the thumb served", async () =>
            (image = (await reader.GetJsonObjectAsync($"/api/products/{id}?variants=thumb"))["images"]![0]!.AsObject())["variants"]!.AsObject().ContainsKey("thumb"), TimeSpan.FromSeconds(30));
        var first = (Original: (string)image["url"]!, Thumb: (string)image["variants"]!["thumb"]!["url"]!);

        Assert.Equal(SignedExpiry(first.Thumb), DateTimeOffset.Parse((string)image["variants"]!["thumb"]!["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture));

        // The refresh point is 10 s after signing: the sweep signs the set again before it, variants included.
        await Eventually.HoldsAsync("the set signed again", async () =>
            (string)(image = (await reader.GetJsonObjectAsync($"/api/products/{id}?variants=thumb"))["images"]![0]!.AsObject())["url"]! != first.Original, TimeSpan.FromSeconds(30));
        var thumb = (string)image["variants"]!["thumb"]!["url"]!;
        Assert.NotEqual(first.Thumb, thumb);
        // Signed in the same pass as the original (the SDK reads the clock per URL: the same second, or one apart).
        Assert.True((SignedExpiry(thumb) - SignedExpiry((string)image["url"]!)).Duration() <= TimeSpan.FromSeconds(1));
        Assert.Equal(SignedExpiry(thumb), DateTimeOffset.Parse((string)image["variants"]!["thumb"]!["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture));

        static DateTimeOffset SignedExpiry(string url)
        {
            var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
            var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
            return signedAt.AddSeconds(int.Parse(query["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task A_replaced_original_is_never_served_with_the_variants_of_what_it_was()
    {
        var admin = _api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("a.png", Picture(1000, 600, "png")));
        var reader = _api.CreateClient();
        await Eventually.HoldsAsync("the first variants served", async () =>
            (await reader.GetJsonObjectAsync($"/api/products/{id}?variants=medium"))["images"]![0]!["variants"]!.AsObject().Count == 1, TimeSpan.FromSeconds(30));

        await admin.PostAsync($"/api/products/{id}/images?overwrite=true", HttpExtensions.Files(("a.png", Picture(1600, 1000, "png"))));

        // At once and until the new ones are made: no medium at all, or the new one (800 x 500), never the old (800 x 480).
        var heights = new List<int>();
        await Eventually.HoldsAsync("the new variants served", async () =>
        {
            var medium = (await reader.GetJsonObjectAsync($"/api/products/{id}?variants=medium"))["images"]![0]!["variants"]!["medium"];
            if (medium is not null)
                heights.Add((int)medium["height"]!);
            return medium is not null;
        }, TimeSpan.FromSeconds(30));
        Assert.All(heights, height => Assert.Equal(500, height));
    }

    [Fact]
    public async Task An_image_whose_variants_are_not_made_yet_has_an_empty_variants_object()
    {
        var id = await _api.CreateAdminClient().CreateProductAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _api.Isolation.Bucket, Key = $"{id}/broken.png", InputStream = new MemoryStream(Picture(600, 400, "png")[..120]) });
        await Eventually.HoldsAsync("the failure counted", () => _failed.GetMeasurementSnapshot().Sum(m => m.Value) == 1);

        var image = (await _api.CreateClient().GetJsonObjectAsync($"/api/products/{id}?variants=all"))["images"]![0]!.AsObject();

        Assert.Equal("broken.png", (string)image["filename"]!);
        Assert.Empty(image["variants"]!.AsObject());
    }

    [Fact]
    public async Task The_variants_verb_makes_a_products_variants_again_one_line_per_image_with_a_summary_and_missing_only_leaves_current_ones_alone()
    {
        var admin = _api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("a.png", Picture(500, 300, "png")));
        await WaitForVariantsAsync(id, "a.png", source: null);
        foreach (var key in await VariantKeysAsync($"variants/{id}/a.png/"))
            await _s3.DeleteObjectAsync(_api.Isolation.Bucket, key); // lost

        var again = await CleanShopCli.RunAsync(_api, "images", "variants", "--product-id", $"{id}");
        var missingOnly = await CleanShopCli.RunAsync(_api, "images", "variants", "--all", "--missing-only");
        var list = await CleanShopCli.RunAsync(_api, "images", "list", "--product-id", $"{id}");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal([$"made {id}/a.png", "1 made, 0 current, 0 failed, 0 gone"], again.OutputLines);
        Assert.Equal(3, (await VariantKeysAsync($"variants/{id}/a.png/")).Count); // made by the command itself, before it answered
        Assert.True(missingOnly.ExitCode == 0, missingOnly.ToString());
        Assert.Equal([$"current {id}/a.png", "0 made, 1 current, 0 failed, 0 gone"], missingOnly.OutputLines);
        var row = list.OutputLines.Single(l => l.Contains("a.png", StringComparison.Ordinal));
        Assert.Equal("thumb,medium,large", row.Split(['│', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]);
    }

    [Fact]
    public async Task The_variants_verb_exits_1_naming_an_image_that_yields_none_and_2_without_exactly_one_of_product_id_and_all()
    {
        var id = await _api.CreateAdminClient().CreateProductAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _api.Isolation.Bucket, Key = $"{id}/broken.png", InputStream = new MemoryStream(Picture(600, 400, "png")[..120]) });

        var corrupt = await CleanShopCli.RunAsync(_api, "images", "variants", "--product-id", $"{id}");
        var neither = await CleanShopCli.RunAsync(_api, "images", "variants");
        var both = await CleanShopCli.RunAsync(_api, "images", "variants", "--product-id", $"{id}", "--all");

        Assert.Equal(1, corrupt.ExitCode);
        Assert.Equal([$"failed {id}/broken.png", "0 made, 0 current, 1 failed, 0 gone"], corrupt.OutputLines);
        foreach (var refused in new[] { neither, both })
        {
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("Give --product-id N or --all.", refused.Error, StringComparison.Ordinal);
        }
    }

    public async Task DisposeAsync()
    {
        _made.Dispose();
        _failed.Dispose();
        _s3.Dispose();
        _files.Dispose();
        await _api.DisposeAsync();
    }

    /// <summary>An image of the format with the extension, of that size: white above, black below.</summary>
    internal static byte[] Picture(int width, int height, string format)
    {
        using var white = (Image.Black(width, height / 2, bands: 3) + 255).Cast(Enums.BandFormat.Uchar);
        using var black = Image.Black(width, height - height / 2, bands: 3).Cast(Enums.BandFormat.Uchar);
        using var image = white.Join(black, Enums.Direction.Vertical);
        return image.WriteToBuffer("." + format);
    }

    private async Task<List<string>> VariantKeysAsync(string prefix) =>
        [.. ((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _api.Isolation.Bucket, Prefix = prefix })).S3Objects ?? []).Select(o => o.Key)];

    /// <summary>Until all three variants exist and, when <paramref name="source"/> is given, name it as their original.</summary>
    private Task<TimeSpan> WaitForVariantsAsync(int id, string filename, string? source) =>
        Eventually.HoldsAsync($"the variants of {id}/{filename}{(source is null ? "" : $" made from {source}")}", async () =>
        {
            foreach (var name in (string[])["thumb", "medium", "large"])
            {
                try
                {
                    var metadata = await _s3.GetObjectMetadataAsync(_api.Isolation.Bucket, $"variants/{id}/{filename}/{name}.webp");
                    if (source is not null && metadata.Metadata["x-amz-meta-source"] != source)
                        return false;
                }
                catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(30));

    private async Task AssertVariantAsync(int id, string filename, string name, int width, int height)
    {
        using var response = await _s3.GetObjectAsync(_api.Isolation.Bucket, $"variants/{id}/{filename}/{name}.webp");
        using var bytes = new MemoryStream();
        await response.ResponseStream.CopyToAsync(bytes);
        Assert.Equal("image/webp", response.Headers.ContentType);
        using var decoded = Image.NewFromBuffer(bytes.ToArray());
        Assert.Equal("webpload_buffer", decoded.Get("vips-loader"));
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal($"{width}", response.Metadata["x-amz-meta-width"]);
        Assert.Equal($"{height}", response.Metadata["x-amz-meta-height"]);
    }
}
