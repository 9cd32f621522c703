using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.Products;
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
        // Scoped, as FluentValidation intends: a validator may then depend on scoped services (the database) without capturing one.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped);
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<ImageUploadOptions>()
            .BindConfiguration(ImageUploadOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<ProductCacheOptions>()
            .BindConfiguration(ProductCacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
