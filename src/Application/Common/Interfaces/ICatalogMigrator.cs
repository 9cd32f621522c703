namespace CleanShop.Application.Common.Interfaces;

/// <summary>Brings the catalog database's schema to the latest migration (a deployment step in AWS stacks).</summary>
public interface ICatalogMigrator
{
    /// <summary>Applies what is missing, nothing when the schema is current; returns the names of the migrations applied.</summary>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken);
}
