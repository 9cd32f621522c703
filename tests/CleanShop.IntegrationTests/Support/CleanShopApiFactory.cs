using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.S3;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// The API in-process, against the real PostgreSQL, Redis and S3 emulator, in a database, bucket and
/// Redis key prefix of its own. Two factories built on one <see cref="TestIsolation"/> are two API
/// instances sharing one store and one cache.
/// </summary>
public class CleanShopApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly bool _ownsIsolation;

    public CleanShopApiFactory() : this(TestIsolation.CreateNew(), ownsIsolation: true) { }

    /// <summary>Another API instance on the same database, bucket and Redis prefix as <paramref name="first"/>.</summary>
    public static CleanShopApiFactory SecondInstanceOf(CleanShopApiFactory first) => new(first.Isolation, ownsIsolation: false);

    private CleanShopApiFactory(TestIsolation isolation, bool ownsIsolation)
    {
        Isolation = isolation;
        _ownsIsolation = ownsIsolation;
        Settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Catalog"] = new NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection) { Database = isolation.Database }.ConnectionString,
            ["ConnectionStrings:Redis"] = TestComponents.RedisConnection,
            ["Redis:KeyPrefix"] = isolation.RedisKeyPrefix,
            ["ImageStorage:ServiceUrl"] = TestComponents.S3ServiceUrl,
            ["ImageStorage:AccessKey"] = TestComponents.S3AccessKey,
            ["ImageStorage:SecretKey"] = TestComponents.S3SecretKey,
            ["ImageStorage:BucketName"] = isolation.Bucket,
            ["Database:MigrateOnStart"] = "true",
            ["SampleData:Enabled"] = "false",
            // Tests that are about the sweep set their own interval; for the others, the sweep at start-up is the only one.
            ["ImageIndex:SweepInterval"] = "00:10:00",
            // Variants are derived objects the API writes in the background: tests about them (Variants/) turn them on;
            // the others count S3 requests and compare the bucket before and after, which those writes would move.
            ["ImageVariants:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in AdminTokens.Settings)
            Settings[key] = value;
    }

    public TestIsolation Isolation { get; }

    /// <summary>Configuration on top of appsettings; change it before the first request.</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>When set, the API's clock.</summary>
    public FakeTimeProvider? Clock { get; init; }

    private S3CallCounter? _s3Calls;

    /// <summary>The S3 requests this instance sent since it started, by operation and by path (request or background).</summary>
    public S3CallCounter S3Calls => _s3Calls ?? throw new InvalidOperationException("Start the API first.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
                services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>
    /// Points this API at a private emulator that a test may stop (started for <see cref="Isolation"/>'s bucket),
    /// with one short attempt per S3 request so that a stopped store is noticed at once.
    /// </summary>
    public void UsePrivateS3(EphemeralServer s3) => UsePrivateS3($"http://127.0.0.1:{s3.Port}");

    /// <summary>Points this API at another S3 endpoint (a private emulator, or an <see cref="S3FaultProxy"/>), one short attempt per request.</summary>
    public void UsePrivateS3(string serviceUrl)
    {
        Settings["ImageStorage:ServiceUrl"] = serviceUrl;
        Settings["ImageStorage:RequestTimeout"] = "00:00:01";
        Settings["ImageStorage:MaxRetries"] = "0";
    }

    /// <summary>Points this API's database connections through <paramref name="proxy"/>, which a test may cut; short timeouts notice it at once.</summary>
    public void UsePostgresThrough(TcpCutProxy proxy) =>
        Settings["ConnectionStrings:Catalog"] = new NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection)
        {
            Host = "127.0.0.1", Port = proxy.Port, Database = Isolation.Database, Timeout = 2, CommandTimeout = 5,
        }.ConnectionString;

    public HttpClient CreateAdminClient() => CreateClientWithToken(AdminTokens.Admin);

    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task InitializeAsync()
    {
        TestComponents.EnsureRunning();
        if (_ownsIsolation)
        {
            using var s3 = CreateS3Client();
            await s3.PutBucketAsync(Isolation.Bucket);
        }

        await InitializeDatabaseOnlyAsync();
    }

    private async Task CreateDatabaseAsync()
    {
        // Created here rather than by the first migration, whose existence check EF logs as an error.
        await using var connection = new NpgsqlConnection(TestComponents.PostgresConnection);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Isolation.Database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Starts the API without creating its bucket: for a test that brings its own S3.</summary>
    public async Task InitializeDatabaseOnlyAsync()
    {
        TestComponents.EnsureRunning();
        if (_ownsIsolation)
            await CreateDatabaseAsync();
        // Started now (Services starts the host), so that a bad setting fails here with its own message.
        // Counting from before the host starts, so that the sweep at start-up is counted too.
        _s3Calls ??= new S3CallCounter(Services.GetRequiredService<IMeterFactory>());
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _s3Calls?.Dispose();
        await base.DisposeAsync();
        if (!_ownsIsolation)
            return;
        await TestComponents.DropDatabaseAsync(Isolation.Database);
    }

    public static AmazonS3Client CreateS3Client(string? serviceUrl = null) =>
        new(new BasicAWSCredentials(TestComponents.S3AccessKey, TestComponents.S3SecretKey), new AmazonS3Config
        {
            ServiceURL = serviceUrl ?? TestComponents.S3ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
}
