namespace CleanShop.Infrastructure.Persistence;

internal static class CatalogDatabaseSettings
{
    public const string MissingConnectionString =
        "ConnectionStrings:Catalog is not set: the catalog needs a PostgreSQL database (build/services start prints it with build/services env).";
}
