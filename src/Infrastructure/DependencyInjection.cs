using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using CleanShop.Infrastructure.Caching;
using CleanShop.Infrastructure.HealthChecks;
using CleanShop.Infrastructure.Images;
using CleanShop.Infrastructure.Persistence;
using CleanShop.Infrastructure.Storage;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure;

public static class DependencyInjection
{
    /// <summary>PostgreSQL (EF Core), S3 (AWSSDK.S3), HybridCache over Redis, and their health checks and metrics.</summary>
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

        services.AddOptions<ImageStorageOptions>()
            .BindConfiguration(ImageStorageOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.CrossFieldError() is null, $"{ImageStorageOptions.Section}:AccessKey and {ImageStorageOptions.Section}:SecretKey go together: set both or neither.")
            .ValidateOnStart();
        services.AddSingleton<IAmazonS3>(sp => CreateS3Client(sp.GetRequiredService<IOptions<ImageStorageOptions>>().Value));
        services.AddSingleton<S3ImageBucket>();
        services.AddSingleton<CatalogMetrics>();

        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IConfiguration>();
            return RedisConnection.Connect(settings.GetConnectionString("Redis"), settings["Redis:KeyPrefix"] ?? "cleanshop:");
        });
        // Without Redis, HybridCache runs in memory only: fine for one process, and the bus has nothing to tell.
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")))
        {
            services.AddStackExchangeRedisCache(_ => { });
            services.AddOptions<RedisCacheOptions>().Configure<RedisConnection>((options, redis) =>
            {
                options.InstanceName = redis.KeyPrefix;
                options.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer!);
            });
        }

        services.AddHybridCache();
        services.AddSingleton<CacheInvalidationBus>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidationBus>());
        services.AddSingleton<HybridProductCache>();
        services.AddSingleton<IProductCache>(sp => sp.GetRequiredService<HybridProductCache>());

        // Product images: S3 behind the cache policy, and the sweep that keeps the cache in step with the bucket.
        services.AddOptions<ImageCacheOptions>()
            .BindConfiguration(ImageCacheOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.CrossFieldError() is null, $"{ImageCacheOptions.Section}:RefreshBuffer must be shorter than {ImageCacheOptions.Section}:UrlLifetime.")
            .ValidateOnStart();
        services.AddOptions<ImageIndexOptions>()
            .BindConfiguration(ImageIndexOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ImageSetCache>();
        services.AddSingleton<ImageSetSigner>();
        services.AddSingleton<IImageStorage, CachedImageStorage>();
        services.AddHostedService<ImageIndexSweeper>();

        services.AddHealthChecks()
            .AddDbContextCheck<CatalogDbContext>("postgresql", tags: ["ready"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"])
            .AddCheck<S3HealthCheck>("s3", tags: ["ready"]);
        return services;
    }

    private static AmazonS3Client CreateS3Client(ImageStorageOptions options)
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
