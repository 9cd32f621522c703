using CleanShop.Application.Products.Queries.GetProductWithImages;
using CleanShop.Infrastructure.Hosting;
using CleanShop.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanShop.Cli.Hosting;

/// <summary>
/// The command line's services, composed as the API composes its own: the stack's appsettings (the
/// API's files, copied beside cleanshop.dll), environment variables, the set-up both hosts share
/// (<see cref="CleanShopHost.AddCleanShopDefaults"/>) and the mediator with the same pipeline. The host is built, never started: one verb needs no hosted services
/// (cache invalidations are published through the Redis connection alone).
/// </summary>
internal static class CliHost
{
    public static IHost Build(string stack, IEnumerable<KeyValuePair<string, string?>> settings, TextWriter error)
    {
        var configuration = new ConfigurationManager();
        // A one-shot process has no use for file watchers on its settings.
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [], // the arguments are the command line's, not configuration
            EnvironmentName = stack,
            ApplicationName = "cleanshop",
            ContentRootPath = AppContext.BaseDirectory,
            Configuration = configuration,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCleanShopDefaults();

        // Warnings as one line on stderr, beside the command's own error lines; stdout stays the command's result.
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new OneLineLoggerProvider(error));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Error);
        // EF Core's messages carry whole exceptions; a failing database is reported once, by the command.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        // The cache's own notes (a fill that did not reach Redis, a backplane message it will send again) are no
        // command's business: a command that needs Redis and cannot reach it says so itself (cache clear exits 1).
        builder.Logging.AddFilter("ZiggyCreatures.Caching.Fusion", LogLevel.None);

        builder.Services.AddMediator(options =>
        {
            options.Assemblies = [typeof(GetProductWithImagesQuery)];
            options.ServiceLifetime = ServiceLifetime.Transient; // as in the API: handlers take the command's scoped services
            // The API generates a public mediator too; a test project that references both hosts must not see two.
            options.GenerateTypesAsInternal = true;
        });
        return builder.Build();
    }
}
