using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanShop.IntegrationTests.Support;
using Npgsql;

namespace CleanShop.IntegrationTests.Operations;

/// <summary>
/// What an operator reads: the console of the real API process. A first start (no database yet, an empty bucket,
/// migrations and sample data) and a later start log no warning or error; AWS stacks log JSON lines that carry
/// the trace id a problem details answer quotes.
/// </summary>
public sealed partial class StartupLogTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = TestIsolation.CreateNew();

    [Fact]
    public async Task A_first_start_and_a_later_start_of_the_local_stack_log_no_warning_or_error()
    {
        using (var s3 = CleanShopApiFactory.CreateS3Client())
            await s3.PutBucketAsync(_isolation.Bucket);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Catalog"] = new NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection) { Database = _isolation.Database }.ConnectionString,
            ["ImageStorage__BucketName"] = _isolation.Bucket,
            ["Redis__KeyPrefix"] = _isolation.RedisKeyPrefix,
            ["Database__MigrateOnStart"] = "true",
            ["SampleData__Enabled"] = "true",
            ["SampleData__ImageFolder"] = Path.Combine(Repository.Root, "build", "sample-data", "images"),
        };

        foreach (var start in new[] { "first start", "later start" })
        {
            await using var api = await ApiProcess.StartAsync(environment);
            using var client = new HttpClient { BaseAddress = api.Address };
            Assert.Equal(1, (await client.GetFromJsonAsync<JsonObject>("/api/products/1"))!["id"]!.GetValue<int>());
            await api.WaitForLineAsync(line => line.Contains("HTTP GET /api/products/1 responded 200", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

            var noisy = api.Lines.Where(line => WarningOrWorse().IsMatch(line)).ToList();
            Assert.True(noisy.Count == 0, $"The {start} logged:\n{string.Join('\n', noisy)}\n\nWhole log:\n{string.Join('\n', api.Lines)}");
            if (start == "first start")
                Assert.Contains(api.Lines, line => line.Contains("Loaded 6 sample products", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_AWS_stack_logs_compact_JSON_whose_request_line_carries_the_callers_trace_id_as_the_problem_details_do_and_no_hosting_scope()
    {
        var settings = new Dictionary<string, string?>
        {
            ["CLEANSHOP_STACK"] = "demo",
            ["ImageStorage__AccessKey"] = TestComponents.S3AccessKey, // the emulator stands in for AWS
            ["ImageStorage__SecretKey"] = TestComponents.S3SecretKey,
            ["Redis__KeyPrefix"] = _isolation.RedisKeyPrefix,
        };
        foreach (var (key, value) in AdminTokens.Settings) // an AWS stack refuses to start without a way to validate tokens
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        await using var api = await ApiProcess.StartAsync(settings);
        // No propagator: the only traceparent is the test's own. While another test listens to System.Net.Http in this
        // process, the client would add its own beside it, and the API would see two.
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = api.Address };

        var callersTrace = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products?page_size=0");
        request.Headers.Add("traceparent", $"00-{callersTrace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await client.SendAsync(request);
        var traceId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["traceId"]!.GetValue<string>();

        // No tracing is wired (no OTLP endpoint) and ASP.NET Core's hosting log category is off: the request still continues the caller's trace.
        Assert.Equal(callersTrace, traceId);
        var requestLine = await api.WaitForLineAsync(line => line.Contains("RequestLoggingMiddleware", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var logged = JsonNode.Parse(requestLine)!.AsObject();
        Assert.True(logged["@tr"] is not null, $"no trace id in: {requestLine}");
        Assert.Equal(traceId, logged["@tr"]!.GetValue<string>());
        Assert.Equal(400, logged["StatusCode"]!.GetValue<int>());
        Assert.True(logged["RequestId"] is null, $"the hosting category's per-request scope is back: {requestLine}");
        Assert.NotNull(logged["@t"]);
        Assert.NotNull(logged["@m"]);
        var listening = api.Lines.Single(line => line.Contains("Now listening on", StringComparison.Ordinal));
        Assert.NotNull(JsonNode.Parse(listening)!["@m"]); // every line is JSON, start-up included
    }

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d (WRN|ERR|FTL)\]")]
    private static partial Regex WarningOrWorse();

    public Task InitializeAsync()
    {
        TestComponents.EnsureRunning();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await TestComponents.DropDatabaseAsync(_isolation.Database);
    }
}
