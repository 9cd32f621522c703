using System.Data.Common;
using CleanShop.Application.Common.Exceptions;
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
        try
        {
            if (migrate)
                await initializer.MigrateAsync(cancellationToken);
            if (seed)
                await initializer.SeedSampleDataAsync(configuration["SampleData:ImageFolder"], cancellationToken);
        }
        catch (Exception exception) when (Unreachable(exception, configuration) is { } component)
        {
            // Start-up stops here; say which component, and how the local stack starts it.
            throw new InvalidOperationException($"{component} cannot be reached. In the local stack, start it with `build/services start`.", exception);
        }
    }

    private static string? Unreachable(Exception exception, IConfiguration configuration)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException)
            {
                var database = new DbConnectionStringBuilder { ConnectionString = configuration.GetConnectionString("Catalog") };
                return $"PostgreSQL at {database["Host"]}:{(database.TryGetValue("Port", out var port) ? port : 5432)} ({current.Message})";
            }

            if (current is DependencyUnavailableException)
                return $"The S3 store at {configuration["ImageStorage:ServiceUrl"] ?? "AWS"} ({current.InnerException?.Message ?? current.Message})";
        }

        return null;
    }
}
