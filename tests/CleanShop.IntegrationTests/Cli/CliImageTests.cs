using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Cli;

/// <summary>
/// `cleanshop images …` and `cleanshop cache clear` end to end, against the real PostgreSQL, Redis and S3
/// emulator, beside a running API on the same database, bucket and Redis prefix.
/// </summary>
public sealed class CliImageTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>, IDisposable
{
    private readonly HttpClient _admin = api.CreateAdminClient();
    private readonly HttpClient _client = api.CreateClient();
    private readonly TempFolder _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task An_upload_through_the_CLI_reaches_the_running_APIs_warm_cache_without_waiting_for_it_to_expire()
    {
        var id = await ProductWithImagesAsync("a.png");
        Assert.Equal(["a.png"], await ApiFilenamesAsync(id));
        var listsBefore = api.S3Calls.RequestPathLists;
        Assert.Equal(["a.png"], await ApiFilenamesAsync(id));
        Assert.Equal(listsBefore, api.S3Calls.RequestPathLists); // the API's cache is warm: without an invalidation it would serve ["a.png"] for an hour

        var result = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--images",
            _files.Write("b.png", TestImages.Png), _files.Write("c.gif", TestImages.Gif));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"uploaded {id}/b.png", $"uploaded {id}/c.gif", "2 uploaded, 0 skipped (identical), 0 skipped (not an image)"], result.OutputLines);
        Assert.Empty(result.Error);
        await AssertApiShowsAsync(id, ["a.png", "b.png", "c.gif"]);
    }

    [Fact]
    public async Task A_folder_upload_skips_files_that_are_not_images_with_the_reason_and_a_dry_run_changes_nothing()
    {
        var id = await _admin.CreateProductAsync();
        var folder = new TempFolder();
        using var _ = folder;
        folder.Write("b.jpg", TestImages.Jpeg);
        folder.Write("a.png", TestImages.Png);
        folder.Write("notes.txt", TestImages.Text);
        folder.Write("nested/c.png", TestImages.Png); // subfolders are not part of it

        var dryRun = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--image-dir", folder.Path, "--dry-run");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Equal(
        [
            "skipped: 'notes.txt' is not a JPEG, PNG, GIF or WebP image (judged by its content, not its name).",
            $"would upload {id}/a.png (image/png)",
            $"would upload {id}/b.jpg (image/jpeg)",
            "dry run, nothing changed: 2 to upload, 0 to skip (identical), 1 skipped (not an image)",
        ], dryRun.OutputLines);
        Assert.Empty(await StoredKeysAsync(id));

        var upload = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--image-dir", folder.Path);

        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Equal(
        [
            "skipped: 'notes.txt' is not a JPEG, PNG, GIF or WebP image (judged by its content, not its name).",
            $"uploaded {id}/a.png",
            $"uploaded {id}/b.jpg",
            "2 uploaded, 0 skipped (identical), 1 skipped (not an image)",
        ], upload.OutputLines);
        Assert.Equal([$"{id}/a.png", $"{id}/b.jpg"], await StoredKeysAsync(id));
        Assert.Equal(["a.png", "b.jpg"], await ApiFilenamesAsync(id));
    }

    [Fact]
    public async Task One_bad_file_among_the_named_images_means_nothing_is_uploaded_one_line_per_bad_file_and_exit_code_2()
    {
        var id = await _admin.CreateProductAsync();
        var settings = new Dictionary<string, string?>(api.Settings) { ["ImageUpload:MaxFileBytes"] = "1000" };

        var result = await CleanShopCli.RunAsync(settings,
        [
            "images", "upload", "--product-id", $"{id}", "--images",
            _files.Write("good.png", TestImages.Png),
            _files.Write("notes.png", TestImages.Text), // a lying name: judged by its bytes
            _files.Write("big.png", TestImages.PngOfSize(1001)),
            Path.Combine(_files.Path, "missing.png"),
        ]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Output);
        Assert.Equal(
        [
            $"error: {Path.Combine(_files.Path, "missing.png")}: no such file",
            "error: 'notes.png' is not a JPEG, PNG, GIF or WebP image (judged by its content, not its name).",
            "error: 'big.png' is 1001 bytes; the limit is 1000.",
            "error: nothing was uploaded: 3 of 4 files refused.",
        ], result.ErrorLines);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(await StoredKeysAsync(id));
    }

    [Fact]
    public async Task A_file_whose_name_is_stored_with_other_bytes_is_refused_unless_overwrite_is_asked()
    {
        var id = await ProductWithImagesAsync("a.png");
        var changed = _files.Write("a.png", TestImages.PngOfSize(200));

        var refused = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--images", changed);
        var replaced = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--images", changed, "--overwrite");
        var again = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", $"{id}", "--images", changed, "--overwrite");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Equal($"error: Product {id} has an image 'a.png' already, with other bytes. Use --overwrite to replace it.", refused.ErrorLines[0]);
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Equal($"uploaded {id}/a.png", replaced.OutputLines[0]);
        Assert.Equal($"skipped (identical) {id}/a.png", again.OutputLines[0]);
        Assert.Equal(200, (await StoredObjectsAsync(id)).Single().Size);
    }

    [Fact]
    public async Task List_prints_each_images_name_size_content_type_and_last_change_and_json_is_exactly_the_APIs_answer()
    {
        var id = await _admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await _admin.UploadAsync(id, ("b.gif", TestImages.Gif), ("a.png", TestImages.Png))).StatusCode);

        var table = await CleanShopCli.RunAsync(api, "images", "list", "--product-id", $"{id}");

        Assert.True(table.ExitCode == 0, table.ToString());
        var rows = table.OutputLines.Where(l => l.Contains(".png", StringComparison.Ordinal) || l.Contains(".gif", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, rows.Length);
        var stored = await StoredObjectsAsync(id);
        foreach (var (row, image, size, type) in new[] { (rows[0], "a.png", TestImages.Png.Length, "image/png"), (rows[1], "b.gif", TestImages.Gif.Length, "image/gif") })
        {
            var modified = stored.Single(o => o.Key.EndsWith(image, StringComparison.Ordinal)).LastModified!.Value.ToUniversalTime();
            var cells = row.Split(['│', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // The Variants column came with the variants (issue 21); this stack makes none, so each image has "-".
            Assert.Equal([image, $"{size}", type, modified.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), "-"], cells);
        }

        var fromApi = await _client.GetStringAsync($"/api/products/{id}/images");
        var json = await CleanShopCli.RunAsync(api, "images", "list", "--product-id", $"{id}", "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(fromApi, json.Output.TrimEnd('\n', '\r')); // the same presigned URLs: both read the shared cache
        var first = JsonNode.Parse(json.Output)!.AsArray()[0]!.AsObject();
        Assert.Equal(["url", "filename", "key", "expires_at"], first.Select(p => p.Key));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", first["expires_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_removes_one_image_and_the_running_API_stops_serving_it_without_waiting_for_its_cache_to_expire()
    {
        var id = await ProductWithImagesAsync("a.png", "b.png");
        Assert.Equal(["a.png", "b.png"], await ApiFilenamesAsync(id));

        var deleted = await CleanShopCli.RunAsync(api, "images", "delete", "--product-id", $"{id}", "--filename", "a.png");
        await AssertApiShowsAsync(id, ["b.png"]);
        var again = await CleanShopCli.RunAsync(api, "images", "delete", "--product-id", $"{id}", "--filename", "a.png");

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal([$"deleted {id}/a.png"], deleted.OutputLines);
        Assert.Equal([$"{id}/b.png"], await StoredKeysAsync(id));
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Equal([$"error: Product {id} has no image 'a.png'."], again.ErrorLines);
    }

    [Fact]
    public async Task Cache_clear_makes_the_running_API_list_the_store_again_for_one_product_or_for_every_product()
    {
        var id = await ProductWithImagesAsync("a.png");
        var other = await ProductWithImagesAsync("a.png");
        Assert.Equal(["a.png"], await ApiFilenamesAsync(id));
        Assert.Equal(["a.png"], await ApiFilenamesAsync(other));
        await PutBehindTheApiAsync($"{id}/z.png", $"{other}/z.png"); // the caches do not know
        Assert.Equal(["a.png"], await ApiFilenamesAsync(id));

        var one = await CleanShopCli.RunAsync(api, "cache", "clear", "--product-id", $"{id}");

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Equal([$"cleared the image cache of product {id}"], one.OutputLines);
        await AssertApiShowsAsync(id, ["a.png", "z.png"]);
        Assert.Equal(["a.png"], await ApiFilenamesAsync(other));

        var all = await CleanShopCli.RunAsync(api, "cache", "clear");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(["cleared the image cache of every product"], all.OutputLines);
        await AssertApiShowsAsync(other, ["a.png", "z.png"]);
    }

    [Fact]
    public async Task An_unknown_product_is_bad_input_for_every_verb_that_reads_it()
    {
        const string unknown = "987654";

        var upload = await CleanShopCli.RunAsync(api, "images", "upload", "--product-id", unknown, "--images", _files.Write("a.png", TestImages.Png));
        var list = await CleanShopCli.RunAsync(api, "images", "list", "--product-id", unknown);
        var json = await CleanShopCli.RunAsync(api, "images", "list", "--product-id", unknown, "--json");

        foreach (var result in new[] { upload, list, json })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Equal([$"error: Product {unknown} was not found."], result.ErrorLines);
            Assert.Empty(result.Output);
        }

        Assert.Empty(await StoredKeysAsync(int.Parse(unknown, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("images upload --product-id 1", "Give either --images or --image-dir.")]
    [InlineData("images upload --product-id 1 --images a.png --image-dir .", "Give either --images or --image-dir.")]
    [InlineData("images upload --product-id 0 --images a.png", "--product-id must be a positive whole number.")]
    [InlineData("images list", "Option '--product-id' is required.")]
    [InlineData("images delete --product-id 1", "Option '--filename' is required.")]
    [InlineData("images list --product-id 1 --stack nowhere", "Argument 'nowhere' not recognized. Must be one of:")]
    [InlineData("images frobnicate", "Unrecognized command or argument 'frobnicate'.")]
    public async Task Usage_errors_are_bad_input_with_a_one_line_reason(string commandLine, string reason)
    {
        var result = await CleanShopCli.RunAsync(api, commandLine.Split(' '));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(result.ErrorLines, line => line.StartsWith($"error: {reason}", StringComparison.Ordinal));
        Assert.All(result.ErrorLines, line => Assert.StartsWith("error: ", line, StringComparison.Ordinal));
        Assert.Matches("^error: see 'cleanshop .*--help'$", result.ErrorLines[^1]);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("", "images", "cache", "--stack")]
    [InlineData("images upload", "--product-id", "--images", "--image-dir", "--overwrite", "--dry-run", "--stack")]
    [InlineData("images list", "--product-id", "--json", "--stack")]
    [InlineData("images delete", "--product-id", "--filename", "--stack")]
    [InlineData("cache clear", "--product-id", "--stack")]
    public async Task Help_describes_every_option_of_each_verb(string verb, params string[] options)
    {
        var result = await CleanShopCli.RunAsync(api, [.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var option in options)
        {
            var line = result.OutputLines.FirstOrDefault(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.True(line is not null && line.Trim().Length > option.Length + 20, $"no description of {option} in:\n{result.Output}");
        }
    }

    private async Task<int> ProductWithImagesAsync(params string[] names)
    {
        var id = await _admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await _admin.UploadAsync(id, names.Select(n => (n, TestImages.Png)).ToArray())).StatusCode);
        return id;
    }

    private async Task<string[]> ApiFilenamesAsync(int id) => (await _client.GetJsonObjectAsync($"/api/products/{id}")).Filenames();

    /// <summary>
    /// Polls the API until it serves <paramref name="expected"/>. Its cache is warm for an hour, so the change can only
    /// show through the invalidation message; the deadline is generous because how fast it arrives is not the claim.
    /// </summary>
    private async Task AssertApiShowsAsync(int id, string[] expected)
    {
        var deadline = Stopwatch.StartNew();
        string[] served;
        while (!(served = await ApiFilenamesAsync(id)).SequenceEqual(expected) && deadline.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(10);
        Assert.True(served.SequenceEqual(expected), $"the running API still serves [{string.Join(", ", served)}], not [{string.Join(", ", expected)}]: the invalidation did not reach it");
    }

    private async Task<List<S3Object>> StoredObjectsAsync(int id)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        var response = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = api.Isolation.Bucket, Prefix = $"{id}/" });
        return response.S3Objects ?? [];
    }

    private async Task<string[]> StoredKeysAsync(int id) => (await StoredObjectsAsync(id)).Select(o => o.Key).Order(StringComparer.Ordinal).ToArray();

    private async Task PutBehindTheApiAsync(params string[] keys)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        foreach (var key in keys)
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = api.Isolation.Bucket, Key = key, InputStream = new MemoryStream(TestImages.Png) });
    }
}
