using CleanShop.Infrastructure.Persistence;
using CleanShop.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CleanShop.IntegrationTests.Cli;

/// <summary>
/// `cleanshop db migrate`, the deployment step of AWS stacks: against a database that does not exist yet and one
/// at the Django service's schema (with image_s3_path), and twice in a row (the second run applies nothing).
/// </summary>
public sealed class CliDbMigrateTests : IAsyncLifetime
{
    private static readonly string[] AllMigrations = ["20261124065032_InitialCatalog", "20261124065039_RemoveLegacyImageS3Path"];
    private readonly string _database = $"cleanshop_migrate_{Guid.NewGuid():N}"[..32];

    [Fact]
    public async Task Migrate_creates_an_absent_database_applies_every_migration_and_a_second_run_applies_nothing()
    {
        var first = await CleanShopCli.RunAsync(Settings, ["db", "migrate", "--stack", "local"]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal([$"applied 2 migration(s): {string.Join(", ", AllMigrations)}"], first.OutputLines);
        Assert.Empty(first.ErrorLines);
        await using (var db = CreateContext())
        {
            Assert.Equal(AllMigrations, await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(0, await db.Products.CountAsync()); // a deployment step loads no sample data
        }

        var second = await CleanShopCli.RunAsync(Settings, ["db", "migrate", "--stack", "local"]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["the catalog database is up to date: no migration to apply"], second.OutputLines);
    }

    [Fact]
    public async Task Migrate_upgrades_a_database_at_the_legacy_schema_keeping_its_products_and_dropping_image_s3_path()
    {
        await using (var db = CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("InitialCatalog");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO products (name, description, price, category, is_featured, is_available, created_at, updated_at, image_s3_path)
                VALUES ('Pip', 'A penguin', 25.00, 'Animal', true, true, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 's3://old/1.jpg')
                """);
        }

        var result = await CleanShopCli.RunAsync(Settings, ["db", "migrate", "--stack", "local"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["applied 1 migration(s): 20261124065039_RemoveLegacyImageS3Path"], result.OutputLines);
        await using (var db = CreateContext())
        {
            Assert.Equal(["Pip"], await db.Products.Select(p => p.Name).ToListAsync());
            Assert.Equal(0L, await db.Database.SqlQueryRaw<long>(
                "SELECT count(*) AS \"Value\" FROM information_schema.columns WHERE table_name = 'products' AND column_name = 'image_s3_path'").SingleAsync());
        }

        var again = await CleanShopCli.RunAsync(Settings, ["db", "migrate", "--stack", "local"]);
        Assert.Equal((0, "the catalog database is up to date: no migration to apply"), (again.ExitCode, again.OutputLines.Single()));
    }

    [Fact]
    public async Task Migrate_against_an_unreachable_database_fails_with_exit_code_1_and_one_error_line()
    {
        var settings = Settings.ToDictionary();
        settings["ConnectionStrings:Catalog"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere;Timeout=2";

        var result = await CleanShopCli.RunAsync(settings, ["db", "migrate", "--stack", "local"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", result.ErrorLines[0], StringComparison.Ordinal);
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection) { Database = _database }.ConnectionString;

    private Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:Catalog"] = ConnectionString,
        ["ConnectionStrings:Redis"] = TestComponents.RedisConnection,
        ["ImageStorage:ServiceUrl"] = TestComponents.S3ServiceUrl,
        ["ImageStorage:AccessKey"] = TestComponents.S3AccessKey,
        ["ImageStorage:SecretKey"] = TestComponents.S3SecretKey,
    };

    private CatalogDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<CatalogDbContext>();
        options.UseCatalogDatabase(ConnectionString);
        return new CatalogDbContext(options.Options);
    }

    public Task InitializeAsync()
    {
        TestComponents.EnsureRunning();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await TestComponents.DropDatabaseAsync(_database);
    }
}
