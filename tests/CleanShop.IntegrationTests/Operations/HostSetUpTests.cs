using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Infrastructure.Hosting;
using CleanShop.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanShop.IntegrationTests.Operations;

/// <summary>The set-up both hosts share (<see cref="CleanShopHost"/>): dependency-injection checks, database failures mapped once, local-only settings.</summary>
public sealed class HostSetUpTests
{
    [Fact]
    public void On_the_local_stack_building_services_fails_when_a_singleton_captures_a_scoped_service()
    {
        var builder = CapturingHost("local");

        var failure = Assert.ThrowsAny<Exception>(() => builder.Build());

        Assert.Contains("Cannot consume scoped service", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void On_an_AWS_stack_the_same_registration_builds_because_the_checks_are_local_only()
    {
        using var host = CapturingHost("prod").Build();

        Assert.NotNull(host.Services);
    }

    [Fact]
    public async Task The_API_under_test_refuses_to_resolve_a_scoped_service_from_the_root_provider()
    {
        await using var api = new CleanShopApiFactory();
        await api.InitializeAsync();

        var failure = Assert.Throws<InvalidOperationException>(() => api.Services.GetService<ICatalogDbContext>());

        Assert.Contains("from root provider", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_while_the_database_cannot_be_reached_answers_503_with_Retry_After_naming_the_catalog_database()
    {
        await using var api = new CleanShopApiFactory();
        api.Settings["ConnectionStrings:Catalog"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=none;Timeout=2";
        api.Settings["Database:MigrateOnStart"] = "false";
        await api.InitializeAsync();

        using var response = await api.CreateClient().GetAsync(new Uri("/api/products/1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("The catalog database is unavailable right now", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_while_the_database_cannot_be_reached_exits_1_with_one_line_naming_the_catalog_database()
    {
        await using var api = new CleanShopApiFactory();
        await api.InitializeAsync();
        var settings = new Dictionary<string, string?>(api.Settings)
        {
            ["ConnectionStrings:Catalog"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=none;Timeout=2",
            ["Database:MigrateOnStart"] = "false",
        };

        var result = await CleanShopCli.RunAsync(settings, ["images", "list", "--product-id", "1"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: The catalog database is unavailable right now; try again shortly."], result.ErrorLines);
    }

    [Fact]
    public async Task Settings_prefixed_CLEANSHOP_LOCAL_reach_the_local_stack()
    {
        var database = $"local_prefix_{Guid.NewGuid():N}";
        try
        {
            var (exitCode, error) = await RunCliWithLocalPrefixAsync("local", database);

            Assert.Equal(0, exitCode);
            Assert.Equal("", error);
            Assert.True(await DatabaseExistsAsync(database), $"the command line did not prepare the database {database} named by CLEANSHOP_LOCAL__ConnectionStrings__Catalog");
        }
        finally
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    [Fact]
    public async Task A_plain_environment_variable_wins_over_the_same_setting_prefixed_CLEANSHOP_LOCAL()
    {
        var prefixed = $"local_prefix_{Guid.NewGuid():N}";
        var plain = $"plain_{Guid.NewGuid():N}";
        try
        {
            var (exitCode, error) = await RunCliWithLocalPrefixAsync("local", prefixed, plainDatabase: plain);

            Assert.True(exitCode == 0, error);
            Assert.True(await DatabaseExistsAsync(plain), "the plain ConnectionStrings__Catalog was not used");
            Assert.False(await DatabaseExistsAsync(prefixed), "the CLEANSHOP_LOCAL__ setting won over the plain one");
        }
        finally
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{prefixed}\" WITH (FORCE)");
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{plain}\" WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Settings_prefixed_CLEANSHOP_LOCAL_are_not_read_by_an_AWS_stack()
    {
        var (exitCode, error) = await RunCliWithLocalPrefixAsync("prod", $"local_prefix_{Guid.NewGuid():N}");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ConnectionStrings:Catalog is not set", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Error)> RunCliWithLocalPrefixAsync(string stack, string database, string? plainDatabase = null)
    {
        TestComponents.EnsureRunning();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "cleanshop.dll"), "images", "list", "--product-id", "1", "--stack", stack])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["AWS_ACCESS_KEY_ID"] = "placeholder"; // an AWS stack refuses to run without credentials, before it reads the catalog setting
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "placeholder";
        start.Environment["CLEANSHOP_LOCAL__ConnectionStrings__Catalog"] =
            new Npgsql.NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection) { Database = database }.ConnectionString;
        start.Environment["CLEANSHOP_LOCAL__ConnectionStrings__Redis"] = TestComponents.RedisConnection;
        if (plainDatabase is not null)
            start.Environment["ConnectionStrings__Catalog"] = new Npgsql.NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection) { Database = plainDatabase }.ConnectionString;
        start.Environment["CLEANSHOP_LOCAL__ImageStorage__ServiceUrl"] = TestComponents.S3ServiceUrl;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await output;
        return (process.ExitCode, await error);
    }

    private static async Task<bool> DatabaseExistsAsync(string database)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestComponents.PostgresConnection);
        await connection.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        query.Parameters.AddWithValue("name", database);
        return await query.ExecuteScalarAsync() is not null;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestComponents.PostgresConnection);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A builder as a host makes it, with the shared set-up and one registration that breaks the scope rules.</summary>
    private static HostApplicationBuilder CapturingHost(string stack)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = stack, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("ImageStorage:ServiceUrl", TestComponents.S3ServiceUrl)]);
        builder.AddCleanShopDefaults();
        builder.Services.AddSingleton<CatalogCaptor>();
        return builder;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing answers there
    }

    private sealed class CatalogCaptor(ICatalogDbContext db)
    {
        public ICatalogDbContext Db { get; } = db;
    }
}
