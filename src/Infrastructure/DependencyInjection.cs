using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Infrastructure.Caching;
using CleanShop.Infrastructure.HealthChecks;
using CleanShop.Infrastructure.Images;
using CleanShop.Infrastructure.Persistence;
using CleanShop.Infrastructure.Telemetry;
using CleanShop.Infrastructure.Uploads;
using CleanShop.Infrastructure.Variants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure;

public static class DependencyInjection
{
    /// <summary>PostgreSQL (EF Core), S3 (AWSSDK.S3), HybridCache (FusionCache) over Redis, and their health checks and metrics.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        // Settings are read when services are built, not here, so that a host (or a test) may still change them.
        // One pool: the request's context (scoped, returned when the request ends) and the contexts the product cache's
        // loads own (a load may outlive the request that started it) both come from it.
        services.AddPooledDbContextFactory<CatalogDbContext>((sp, options) => options.UseCatalogDatabase(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Catalog") is { Length: > 0 } catalog
                ? catalog
                : throw new InvalidOperationException(CatalogDatabaseSettings.MissingConnectionString))
            .AddInterceptors(sp.GetRequiredService<ProductCacheInvalidator>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContext());
        services.AddSingleton<ProductCacheInvalidator>();
        services.AddScoped<ICatalogDbContext, CatalogDbContextOnFirstUse>();
        services.AddScoped<CatalogDatabaseInitializer>();
        services.AddScoped<ICatalogMigrator>(sp => sp.GetRequiredService<CatalogDatabaseInitializer>());

        services.AddOptions<ProductCacheOptions>()
            .BindConfiguration(ProductCacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ICatalogReads, CatalogReads>();
        services.AddCatalogCache();

        // Product images: S3 behind the cache policy, and the sweep that keeps the cache in step with the bucket.
        services.AddOptions<ImageOptions>()
            .Configure<IConfiguration>((options, settings) =>
            {
                foreach (var section in (string[])[ImageOptions.StorageSection, ImageOptions.CacheSection, ImageOptions.IndexSection])
                    settings.GetSection(section).Bind(options);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IAmazonS3>(sp => CreateS3Client(sp.GetRequiredService<IOptions<ImageOptions>>().Value));
        services.AddSingleton<CatalogMetrics>();
        services.AddSingleton<IImageStore, S3ImageStore>();
        services.AddSingleton<ImageWriteGuard>();
        services.AddSingleton<ImageStorage>();
        services.AddSingleton<IImageStorage>(sp => sp.GetRequiredService<ImageStorage>());
        services.AddHostedService<ImageSweep>();
        // Direct uploads: staged in the bucket outside every product prefix until completed.
        services.AddSingleton<IImageUploadStaging, S3UploadStaging>();
        services.AddHostedService<StagedUploadCleanup>();
        // Variants: made off the request path by every API instance, from a queue in Redis that the command line feeds too.
        services.AddOptions<ImageVariantOptions>()
            .Configure<IConfiguration>((options, settings) => ImageVariantOptions.Bind(options, settings.GetSection(ImageVariantOptions.Section)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<S3VariantStore>();
        services.AddSingleton<VariantQueue>();
        services.AddSingleton<VariantFactsCache>();
        services.AddSingleton<ImageVariants>();
        services.AddSingleton<IImageVariantNames, ImageVariantNames>();
        services.AddSingleton<VariantWorker>();
        services.AddSingleton<IImageVariantMaker>(sp => sp.GetRequiredService<VariantWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<VariantWorker>());

        services.AddHealthChecks()
            .AddDbContextCheck<CatalogDbContext>("postgresql", tags: ["ready"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"])
            .AddCheck<S3HealthCheck>("s3", tags: ["ready"]);
        return services;
    }

    private static AmazonS3Client CreateS3Client(ImageOptions options)
    {
        var config = new AmazonS3Config
        {
            // The SDK's v4 default adds streaming checksums that S3-compatible stores (and the emulator) refuse.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxRetries,
            Timeout = options.RequestTimeout,
        };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.ForcePathStyle = true;
            // Without it the SDK resolves the endpoint on every presign: about twice the cost.
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKey is { } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey), config)
            : new AmazonS3Client(config); // the default chain: environment, profile, instance role
    }
}
