using CleanShop.Application.ProductImages.Uploads;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CleanShop.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the Application layer: validators and the options its use cases read. The mediator
    /// itself is generated in each host (Api, Cli), which scans this assembly for handlers.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Singletons, as FluentValidation advises: a validator holds no state, and building its rules costs more than the
        // rest of a cached list request. One that needs a scoped service (the database) must be registered scoped on its
        // own; the local stack's ValidateOnBuild refuses to start with a singleton that captures one.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<ImageUploadOptions>()
            .BindConfiguration(ImageUploadOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        return services;
    }
}
