using Microsoft.EntityFrameworkCore;

namespace CleanShop.Infrastructure.Persistence;

internal static class CatalogDatabaseOptions
{
    /// <summary>The one place the provider and its conventions are chosen, for the app and the design-time tools alike.</summary>
    public static DbContextOptionsBuilder UseCatalogDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
