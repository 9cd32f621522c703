using CleanShop.Application;
using CleanShop.Application.Common.Behaviors;
using CleanShop.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Mediator;
using Microsoft.Extensions.Hosting;

namespace CleanShop.Infrastructure.Hosting;

/// <summary>
/// What both composition roots (the API and the command line) set up alike, as eShop's ServiceDefaults
/// does for its services: the stack's configuration sources, the layers, dependency-injection checks and
/// the catalog database's preparation, the use-case pipeline. Each host adds its own edge (HTTP or verbs, its logging)
/// and the mediator, which the source generator must see in the host's own project.
/// </summary>
public static class CleanShopHost
{
    /// <summary>
    /// Call it once the builder exists, with the stack as its environment name (see <see cref="Stacks.Choose"/>).
    /// </summary>
    public static TBuilder AddCleanShopDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var stack = builder.Environment.EnvironmentName;
        var local = stack == Stacks.Local;
        if (local)
        {
            // Below the plain environment variables and what the host adds after them: settings a caller gives
            // outright win over the addresses build/cleanshop hands over.
            var sources = builder.Configuration.Sources;
            var plainEnvironment = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
            sources.Insert(plainEnvironment < 0 ? sources.Count : plainEnvironment,
                new EnvironmentVariablesConfigurationSource { Prefix = Stacks.LocalSettingsPrefix });
        }
        Stacks.EnsureLocalStaysLocal(stack, builder.Configuration);

        // The stacks are not named "Development", so the framework would never turn these on by itself: a
        // singleton that captures a scoped service, or a registration that cannot be built, fails at start-up
        // on the local stack (and so in every test) rather than on a request in production.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions
        {
            ValidateScopes = local,
            ValidateOnBuild = local,
        }));

        builder.Services
            .AddApplication()
            .AddInfrastructure(builder.Configuration)
            .AddUseCasePipeline();
        return builder;
    }

    /// <summary>
    /// What every message passes through before its handler, outermost first: its log line, a database failure turned
    /// into the Application's exception, validation. Written once for both hosts' mediators, which find the parts in
    /// the container. Singletons (each holds only singletons), where AddMediator's PipelineBehaviors option would make
    /// them transient: a message's pipeline is then the same three instances, resolved as one cached array, instead of
    /// three new ones and their dependencies on every request.
    /// </summary>
    private static IServiceCollection AddUseCasePipeline(this IServiceCollection services) => services
        .AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>))
        .AddSingleton(typeof(IPipelineBehavior<,>), typeof(DatabaseFailureBehavior<,>))
        .AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

    /// <summary>Why the catalog database cannot be used with these settings; null when its connection string is set.</summary>
    public static string? CatalogSettingProblem(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString("Catalog")) ? CatalogDatabaseSettings.MissingConnectionString : null;

    /// <summary>
    /// Applies migrations when Database:MigrateOnStart is set (the local stack and tests; AWS stacks run them as
    /// a deployment step) and adds the sample products to an empty catalog when SampleData:Enabled is set, with
    /// their images from SampleData:ImageFolder when <paramref name="withSampleImages"/>. A component that cannot
    /// be reached stops it with a message naming the component and how the local stack starts it.
    /// </summary>
    public static async Task PrepareCatalogAsync(this IServiceProvider services, bool withSampleImages, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
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
                await initializer.SeedSampleDataAsync(withSampleImages ? configuration["SampleData:ImageFolder"] : null, cancellationToken);
        }
        catch (Exception exception) when (Unreachable(exception, configuration) is { } component)
        {
            throw new InvalidOperationException($"{component} cannot be reached. In the local stack, start it with `build/services start`.", exception);
        }
    }

    private static string? Unreachable(Exception exception, IConfiguration configuration)
    {
        if (DatabaseFailure.Find(exception) is { } database)
        {
            var settings = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configuration.GetConnectionString("Catalog") };
            return $"PostgreSQL at {settings["Host"]}:{(settings.TryGetValue("Port", out var port) ? port : 5432)} ({database.Message})";
        }

        return exception is Application.Common.Exceptions.DependencyUnavailableException storage
            ? $"The S3 store at {configuration["ImageStorage:ServiceUrl"] ?? "AWS"} ({storage.InnerException?.Message ?? storage.Message})"
            : null;
    }
}
