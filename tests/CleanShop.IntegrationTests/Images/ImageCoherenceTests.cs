using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using CleanShop.IntegrationTests.Support;
using Npgsql;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Images;

/// <summary>Two API instances with a short sweep interval, and a second S3 client writing behind their backs.</summary>
public sealed class OutOfBandChangeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);
    private readonly CleanShopApiFactory _first = new();
    private CleanShopApiFactory _second = null!;

    public async Task InitializeAsync()
    {
        _first.Settings["ImageIndex:SweepInterval"] = SweepInterval.ToString();
        await _first.InitializeAsync();
        _second = CleanShopApiFactory.SecondInstanceOf(_first);
        _second.Settings["ImageIndex:SweepInterval"] = SweepInterval.ToString();
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task An_object_put_then_deleted_by_another_S3_client_shows_then_goes_in_both_instances_within_the_sweep_interval_and_a_second()
    {
        var id = await _first.CreateAdminClient().CreateProductAsync();
        await _first.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var readers = new[] { _first.CreateClient(), _second.CreateClient() };
        foreach (var reader in readers)
            Assert.Equal(["a.png"], (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames()); // in both memories now
        using var otherClient = CleanShopApiFactory.CreateS3Client();

        await otherClient.PutObjectAsync(new PutObjectRequest { BucketName = _first.Isolation.Bucket, Key = $"{id}/z.png", InputStream = new MemoryStream(TestImages.Png) });
        var putSeenAfter = await TimeUntilBothShowAsync(readers, id, ["a.png", "z.png"]);

        await otherClient.DeleteObjectAsync(_first.Isolation.Bucket, $"{id}/a.png");
        var deleteSeenAfter = await TimeUntilBothShowAsync(readers, id, ["z.png"]);

        output.WriteLine($"out-of-band put seen by both instances after {putSeenAfter.TotalMilliseconds:0} ms, delete after {deleteSeenAfter.TotalMilliseconds:0} ms (sweep interval {SweepInterval.TotalMilliseconds:0} ms)");
        Assert.True(putSeenAfter <= SweepInterval + TimeSpan.FromSeconds(1), $"put seen after {putSeenAfter.TotalMilliseconds} ms");
        Assert.True(deleteSeenAfter <= SweepInterval + TimeSpan.FromSeconds(1), $"delete seen after {deleteSeenAfter.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Reads_between_sweeps_make_no_S3_call_and_keep_their_URLs_byte_for_byte()
    {
        var id = await _first.CreateAdminClient().CreateProductAsync();
        await _first.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var reader = _second.CreateClient();
        var first = await reader.GetStringAsync($"/api/products/{id}");
        var callsBefore = _first.S3Calls.RequestPathCalls + _second.S3Calls.RequestPathCalls;
        var sweepsBefore = _first.S3Calls.Sweeps + _second.S3Calls.Sweeps;

        // Reads across at least two sweeps: the product did not change, so it is not signed again.
        var bodies = new List<string>();
        while (_first.S3Calls.Sweeps + _second.S3Calls.Sweeps < sweepsBefore + 2)
        {
            bodies.Add(await reader.GetStringAsync($"/api/products/{id}"));
            bodies.Add(await _first.CreateClient().GetStringAsync($"/api/products/{id}"));
            await Task.Delay(50);
        }

        Assert.All(bodies, body => Assert.Equal(first, body));
        Assert.Equal(callsBefore, _first.S3Calls.RequestPathCalls + _second.S3Calls.RequestPathCalls);
    }

    [Fact]
    public async Task When_the_sweeping_instance_stops_the_other_takes_the_sweep_over()
    {
        // Whoever holds the lease sweeps; the other waits for it.
        await WaitUntilAsync(() => _first.S3Calls.Sweeps + _second.S3Calls.Sweeps >= 2);
        var sweeper = _first.S3Calls.Sweeps > 0 ? _first : _second;
        var other = sweeper == _first ? _second : _first;
        Assert.Equal(0, other.S3Calls.Sweeps);

        await sweeper.DisposeAsync();

        await other.S3Calls.WaitForSweepsAsync(after: 0, timeout: TimeSpan.FromSeconds(15));
    }

    internal static async Task<TimeSpan> TimeUntilBothShowAsync(HttpClient[] readers, int id, string[] expected)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            var shown = await Task.WhenAll(readers.Select(async r => (await r.GetJsonObjectAsync($"/api/products/{id}")).Filenames()));
            if (shown.All(names => names.SequenceEqual(expected)))
                return watch.Elapsed;
            await Task.Delay(20);
        }

        return watch.Elapsed;
    }

    internal static Task WaitUntilAsync(Func<bool> condition, int seconds = 20) =>
        WaitUntilAsync(() => Task.FromResult(condition()), seconds);

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(20);
        }
    }
}

/// <summary>A crashed sweeper leaves its lease behind: the next instance waits for it to run out, then sweeps.</summary>
public sealed class SweepLeaseTests
{
    [Fact]
    public async Task A_lease_left_by_a_dead_sweeper_is_taken_over_once_it_runs_out()
    {
        await using var api = new CleanShopApiFactory();
        api.Settings["ImageIndex:SweepInterval"] = "00:00:00.500";
        api.Settings["ImageIndex:LeaseTime"] = "00:00:02";
        TestComponents.EnsureRunning();
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestComponents.RedisConnection);
        var lease = (RedisKey)(api.Isolation.RedisKeyPrefix + "image-index:lease");
        // What a process that died while sweeping leaves behind: its lease, with the time it had left.
        Assert.True(await redis.GetDatabase().StringSetAsync(lease, "a dead instance", TimeSpan.FromSeconds(10), When.NotExists));

        await api.InitializeAsync();
        var watch = Stopwatch.StartNew();
        var leaseLeft = await redis.GetDatabase().KeyTimeToLiveAsync(lease) ?? TimeSpan.Zero;
        await api.S3Calls.WaitForSweepsAsync(after: 0, timeout: TimeSpan.FromSeconds(20));

        Assert.True(watch.Elapsed >= leaseLeft - TimeSpan.FromMilliseconds(300), $"swept after {watch.Elapsed.TotalMilliseconds} ms, while the dead instance's lease had {leaseLeft.TotalMilliseconds} ms left");
        Assert.True(watch.Elapsed <= leaseLeft + TimeSpan.FromSeconds(3), $"took over {watch.Elapsed.TotalMilliseconds} ms after, when the lease had {leaseLeft.TotalMilliseconds} ms left");
    }
}

/// <summary>What one sweep of a bucket costs, and what reads cost once it is done.</summary>
public sealed class SweepCostTests(ITestOutputHelper output)
{
    private const int Products = 500;
    private const int ObjectsPerProduct = 4;
    private const int PageSize = 100;

    [Fact]
    public async Task One_sweep_of_2000_objects_under_500_products_makes_ceil_2000_over_the_page_size_listings_and_reads_after_it_make_no_S3_call()
    {
        await using var api = new CleanShopApiFactory();
        api.Settings["ImageStorage:ListPageSize"] = PageSize.ToString(CultureInfo.InvariantCulture);
        api.Settings["ImageIndex:SweepInterval"] = "00:00:03";
        TestComponents.EnsureRunning();
        using (var s3 = CleanShopApiFactory.CreateS3Client())
        {
            await s3.PutBucketAsync(api.Isolation.Bucket);
            var keys = Enumerable.Range(1, Products).SelectMany(id => Enumerable.Range(1, ObjectsPerProduct).Select(n => $"{id}/{n}.png"));
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, ct) =>
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = api.Isolation.Bucket, Key = key, InputStream = new MemoryStream(TestImages.Png) }, ct));
        }

        await api.InitializeDatabaseOnlyAsync();
        await InsertProductsAsync(api);

        // A whole sweep, from its first page to its last: the one after the next finished one.
        await api.S3Calls.WaitForSweepsAsync(after: 0);
        var sweeps = api.S3Calls.Sweeps;
        var listsBefore = api.S3Calls.BackgroundLists;
        await api.S3Calls.WaitForSweepsAsync(after: sweeps);
        var listsPerSweep = api.S3Calls.BackgroundLists - listsBefore;

        var callsBefore = api.S3Calls.RequestPathCalls;
        var client = api.CreateClient();
        for (var id = 1; id <= Products; id++)
            Assert.Equal(ObjectsPerProduct, (await client.GetJsonObjectAsync($"/api/products/{id}"))["images"]!.AsArray().Count);
        var page = await client.GetJsonObjectAsync("/api/products?page=2&page_size=100");

        output.WriteLine($"one sweep of {Products * ObjectsPerProduct} objects with a page size of {PageSize}: {listsPerSweep} ListObjectsV2");
        Assert.Equal((Products * ObjectsPerProduct + PageSize - 1) / PageSize, listsPerSweep);
        Assert.Equal(100, page["results"]!.AsArray().Count);
        Assert.Equal(callsBefore, api.S3Calls.RequestPathCalls);
    }

    private static async Task InsertProductsAsync(CleanShopApiFactory api)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection) { Database = api.Isolation.Database }.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO products (name, description, price, category, is_featured, is_available, created_at, updated_at) " +
            $"SELECT 'Toy ' || n, '', 10.00, 'Animal', false, true, now(), now() FROM generate_series(1, {Products}) AS n", connection);
        await insert.ExecuteNonQueryAsync();
    }
}

/// <summary>A cold read whose listing is held back while an upload lands: the older listing must not be kept.</summary>
public sealed class SlowListingRaceTests
{
    [Fact]
    public async Task A_listing_that_began_before_an_upload_is_never_kept_after_it()
    {
        await using var proxy = await S3FaultProxy.StartAsync();
        await using var api = new CleanShopApiFactory();
        api.UsePrivateS3(proxy.Url);
        api.Settings["ImageStorage:RequestTimeout"] = "00:00:30";
        api.Settings["ImageStorage:ReadTimeout"] = "00:00:30";
        await api.InitializeAsync();
        var admin = api.CreateAdminClient();
        var client = api.CreateClient();
        var id = await admin.CreateProductAsync();

        var gate = new S3Gate();
        proxy.Inject(S3Fault.HoldAt(gate), r => S3Operations.IsList(r) && r.Query["prefix"] == $"{id}/", once: true);
        var coldRead = client.GetAsync($"/api/products/{id}");
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(10)); // the read's listing has begun, and waits

        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("late.png", TestImages.Png))).StatusCode);
        gate.Open();
        Assert.Equal(HttpStatusCode.OK, (await coldRead).StatusCode);

        for (var i = 0; i < 3; i++)
            Assert.Equal(["late.png"], (await client.GetJsonObjectAsync($"/api/products/{id}")).Filenames());
    }
}

/// <summary>S3 that accepts connections and never answers.</summary>
public sealed class HangingS3Tests
{
    [Fact]
    public async Task With_S3_hanging_a_cold_read_answers_within_the_read_timeout_without_images_and_says_it_is_degraded()
    {
        var readTimeout = TimeSpan.FromSeconds(1);
        await using var proxy = await S3FaultProxy.StartAsync();
        await using var api = new CleanShopApiFactory();
        api.UsePrivateS3(proxy.Url);
        // Each attempt may take 5 s and there are 3: the read timeout bounds them all.
        api.Settings["ImageStorage:RequestTimeout"] = "00:00:05";
        api.Settings["ImageStorage:MaxRetries"] = "2";
        api.Settings["ImageStorage:ReadTimeout"] = readTimeout.ToString();
        api.Settings["ImageCache:FailureCacheDuration"] = "00:00:00.500";
        await api.InitializeAsync();
        var id = await api.CreateAdminClient().CreateProductAsync();
        var client = api.CreateClient();

        proxy.Inject(S3Fault.Hang, S3Operations.IsList);
        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync($"/api/products/{id}");
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Without the read timeout the SDK's attempts alone take 15 s; the margin is for a loaded two-core machine.
        Assert.True(watch.Elapsed < readTimeout + TimeSpan.FromSeconds(2), $"answered after {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal("true", response.Headers.GetValues("X-Images-Degraded").Single());
        Assert.Empty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["images"]!.AsArray());

        // S3 answers again: once the degraded answer's short life is over, the next read lists it.
        proxy.Heal();
        await OutOfBandChangeTests.WaitUntilAsync(async () => !(await client.GetAsync($"/api/products/{id}")).Headers.Contains("X-Images-Degraded"));
    }
}

/// <summary>Short real URL lifetimes, so that the refresh point comes within the test (the SDK signs with the machine's clock).</summary>
public sealed class ImageRefreshTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RefreshBuffer = TimeSpan.FromSeconds(50);

    [Fact]
    public async Task The_sweep_signs_a_set_again_before_its_refresh_point_so_every_URL_served_stays_valid_for_the_buffer_and_reads_never_wait_for_S3()
    {
        await using var api = ShortLivedUrlsApi();
        await api.InitializeAsync();
        var id = await api.CreateAdminClient().CreateProductAsync();
        await api.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var client = api.CreateClient();
        var first = await ReadImageAsync(client, id);
        var callsBefore = api.S3Calls.RequestPathCalls;

        // The set's refresh point is 10 s after it was signed; the sweep signs it again one or two sweeps before.
        var current = first;
        var watch = Stopwatch.StartNew();
        while (current.Url == first.Url && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            current = await ReadImageAsync(client, id);
        }

        output.WriteLine($"signed again after {watch.Elapsed.TotalSeconds:0.0} s; expiry {first.ExpiresAt:O} -> {current.ExpiresAt:O}");
        Assert.NotEqual(first.Url, current.Url);
        Assert.True(current.ExpiresAt > first.ExpiresAt);
        Assert.Equal(callsBefore, api.S3Calls.RequestPathCalls);
    }

    [Fact]
    public async Task While_S3_is_down_a_set_past_its_refresh_point_is_served_with_the_URLs_that_still_work_marked_degraded_until_S3_is_back()
    {
        await using var proxy = await S3FaultProxy.StartAsync();
        await using var api = ShortLivedUrlsApi();
        api.UsePrivateS3(proxy.Url);
        await api.InitializeAsync();
        var id = await api.CreateAdminClient().CreateProductAsync();
        await api.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var client = api.CreateClient();
        var signed = await ReadImageAsync(client, id);

        proxy.Inject(S3Fault.Error(503, "SlowDown"), S3Operations.IsList);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(100);
            response = await client.GetAsync($"/api/products/{id}");
        }
        while (!response.Headers.Contains("X-Images-Degraded") && DateTimeOffset.UtcNow < signed.ExpiresAt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("X-Images-Degraded").Single());
        var image = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["images"]!.AsArray().Single()!;
        Assert.Equal(signed.Url, image["url"]!.GetValue<string>()); // the cached URL, still valid, not a new one
        Assert.True(DateTimeOffset.Parse(image["expires_at"]!.GetValue<string>(), CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);

        proxy.Heal();
        await OutOfBandChangeTests.WaitUntilAsync(async () => !(await client.GetAsync($"/api/products/{id}")).Headers.Contains("X-Images-Degraded"));
    }

    [Fact]
    public async Task Every_expires_at_is_the_expiry_signed_into_its_URL_and_leaves_at_least_the_refresh_buffer()
    {
        await using var api = new CleanShopApiFactory();
        await api.InitializeAsync();
        var id = await api.CreateAdminClient().CreateProductAsync();
        await api.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png), ("b.gif", TestImages.Gif), ("c.png", TestImages.Png));

        var images = (await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}"))["images"]!.AsArray();

        Assert.Equal(3, images.Count);
        foreach (var image in images)
        {
            var url = new Uri(image!["url"]!.GetValue<string>());
            var query = System.Web.HttpUtility.ParseQueryString(url.Query);
            var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var realExpiry = signedAt.AddSeconds(int.Parse(query["X-Amz-Expires"]!, CultureInfo.InvariantCulture));
            var announced = DateTimeOffset.Parse(image["expires_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            Assert.Equal(realExpiry, announced);
            Assert.True(announced >= DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5), $"{announced:O} leaves less than the default buffer");
        }
    }

    private static CleanShopApiFactory ShortLivedUrlsApi()
    {
        var api = new CleanShopApiFactory();
        api.Settings["ImageCache:UrlLifetime"] = "00:01:00";
        api.Settings["ImageCache:RefreshBuffer"] = RefreshBuffer.ToString();
        api.Settings["ImageIndex:SweepInterval"] = "00:00:01";
        return api;
    }

    private static async Task<(string Url, DateTimeOffset ExpiresAt)> ReadImageAsync(HttpClient client, int id)
    {
        var response = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Images-Degraded"));
        var image = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["primary_image"]!;
        var expiresAt = DateTimeOffset.Parse(image["expires_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(expiresAt - DateTimeOffset.UtcNow >= RefreshBuffer, $"a URL expiring at {expiresAt:O} was handed out at {DateTimeOffset.UtcNow:O}");
        return (image["url"]!.GetValue<string>(), expiresAt);
    }
}

/// <summary>Two instances on a private Redis that stops and comes back empty, as after a restart.</summary>
public sealed class RedisBlipTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_upload_made_while_Redis_was_down_shows_in_the_other_instance_within_five_seconds_of_Redis_coming_back()
    {
        await using var redis = await EphemeralServer.StartRedisAsync();
        await using var first = new CleanShopApiFactory();
        first.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port}";
        await first.InitializeAsync();
        await using var second = CleanShopApiFactory.SecondInstanceOf(first);
        second.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port}";
        await second.InitializeAsync();
        var admin = first.CreateAdminClient();
        var reader = second.CreateClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("a.png", TestImages.Png));
        Assert.Equal(["a.png"], (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames()); // in the second's memory

        await redis.StopAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("b.png", TestImages.Png))).StatusCode);
        Assert.Equal(["a.png"], (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames()); // nobody could tell it
        await redis.StartAsync();

        var seenAfter = await OutOfBandChangeTests.TimeUntilBothShowAsync([reader], id, ["a.png", "b.png"]);
        output.WriteLine($"the upload made while Redis was down was seen by the other instance {seenAfter.TotalMilliseconds:0} ms after Redis came back");
        Assert.True(seenAfter <= TimeSpan.FromSeconds(5), $"seen after {seenAfter.TotalMilliseconds} ms");
    }
}
