using CleanShop.Application.Images;
using CleanShop.Application.Products;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CleanShop.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the Application layer: validators, the image cache policy and its options. The mediator
    /// itself is generated in each host (Api, Cli), which scans this assembly for handlers.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Scoped, as FluentValidation intends: a validator may then depend on scoped services (the database) without capturing one.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped);
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<ImageCacheOptions>()
            .BindConfiguration(ImageCacheOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.CrossFieldError() is null, $"{ImageCacheOptions.Section}:RefreshBuffer must be shorter than {ImageCacheOptions.Section}:UrlLifetime.")
            .ValidateOnStart();
        services.AddOptions<ImageUploadOptions>()
            .BindConfiguration(ImageUploadOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<ProductCacheOptions>()
            .BindConfiguration(ProductCacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddScoped<ImageReadStatus>();
        services.AddScoped<IProductImages, CachedProductImages>();
        return services;
    }
}
