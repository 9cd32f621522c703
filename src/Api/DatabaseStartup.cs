using CleanShop.Infrastructure.Persistence;

namespace CleanShop.Api;

internal static class DatabaseStartup
{
    /// <summary>
    /// Applies migrations when Database:MigrateOnStart is set (the local stack and tests; AWS stacks run
    /// them as a deployment step) and loads sample data when SampleData:Enabled is set.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var migrate = configuration.GetValue<bool>("Database:MigrateOnStart");
        var seed = configuration.GetValue<bool>("SampleData:Enabled");
        if (!migrate && !seed)
            return;

        await using var scope = services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<CatalogDatabaseInitializer>();
        if (migrate)
            await initializer.MigrateAsync(cancellationToken);
        if (seed)
            await initializer.SeedSampleDataAsync(configuration["SampleData:ImageFolder"], cancellationToken);
    }
}
