using CleanShop.Infrastructure.Persistence;
using CleanShop.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CleanShop.IntegrationTests.Products;

/// <summary>The Django service's schema had an image_s3_path column; the migration history must drop it and keep every product.</summary>
public sealed class LegacySchemaMigrationTests : IAsyncLifetime
{
    private readonly string _database = $"cleanshop_legacy_{Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task A_database_at_the_legacy_schema_is_upgraded_without_losing_products()
    {
        await using var db = CreateContext();
        await db.GetService<IMigrator>().MigrateAsync("InitialCatalog");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO products (name, description, price, category, is_featured, is_available, created_at, updated_at, image_s3_path)
            VALUES ('Pip', 'A penguin', 25.00, 'Animal', true, true, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 's3://old/1.jpg'),
                   ('Olive', 'An octopus', 29.50, 'Animal', false, true, '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z', NULL)
            """);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var products = await db.Products.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(["Pip", "Olive"], products.Select(p => p.Name));
        Assert.Equal([25.00m, 29.50m], products.Select(p => p.Price));
        Assert.False(await ColumnExistsAsync("image_s3_path"));
    }

    private CatalogDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<CatalogDbContext>();
        options.UseCatalogDatabase(ConnectionString);
        return new CatalogDbContext(options.Options);
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection) { Database = _database }.ConnectionString;

    private async Task<bool> ColumnExistsAsync(string column)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'products' AND column_name = @column", connection);
        command.Parameters.AddWithValue("column", column);
        return (long)(await command.ExecuteScalarAsync())! > 0;
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
