using System.Text.Json;
using CleanShop.Infrastructure.Images;
using CleanShop.Infrastructure.Persistence;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace CleanShop.Infrastructure.Caching;

/// <summary>
/// HybridCache as FusionCache: memory, then Redis, with FusionCache's backplane telling every instance what changed and
/// its auto-recovery replaying what could not be told while Redis was away. Without Redis, memory only (one process).
/// </summary>
internal static class CacheSetup
{
    public static IServiceCollection AddCatalogCache(this IServiceCollection services)
    {
        services.AddSingleton(sp => RedisConnection.Connect(sp.GetRequiredService<IConfiguration>()));
        services.AddOptions<FusionCacheOptions>().Configure<RedisConnection, IOptions<ImageOptions>, IOptions<ProductCacheOptions>>(
            (options, redis, images, products) => Configure(options, redis.KeyPrefix, images.Value, products.Value));
        services.AddFusionCache()
            // Fields included: FusionCache checks that value tuples would round-trip, and warns at start-up otherwise.
            .WithSerializer(new FusionCacheSystemTextJsonSerializer(new JsonSerializerOptions { IncludeFields = true }))
            // Null without Redis: FusionCache then runs without the level or the backplane.
            .WithDistributedCache(sp => sp.GetRequiredService<RedisConnection>() is { Multiplexer: { } multiplexer } redis
                ? new RedisCache(Options.Create(new RedisCacheOptions { InstanceName = redis.KeyPrefix, ConnectionMultiplexerFactory = () => Task.FromResult(multiplexer) })) : null!)
            .WithBackplane(sp => sp.GetRequiredService<RedisConnection>().Multiplexer is { } multiplexer
                ? new RedisBackplane(Options.Create(new RedisBackplaneOptions { ConnectionMultiplexerFactory = () => Task.FromResult(multiplexer) })) : null!)
            .AsHybridCache();
        return services;
    }

    /// <summary>The cache's options, from ours; the unit tests build their in-memory FusionCache with them too.</summary>
    public static FusionCacheOptions Configure(FusionCacheOptions options, string keyPrefix, ImageOptions images, ProductCacheOptions products)
    {
        // Backplane messages sent before a write returns: a command-line process may end right after it.
        options.DefaultEntryOptions = new FusionCacheEntryOptions { Duration = products.Duration, AllowBackgroundBackplaneOperations = false };
        options.DefaultEntryOptionsProvider = new ImageEntryOptions(ImageStorage.EntryOptions(images));
        options.BackplaneChannelPrefix = keyPrefix + "cache";
        // Longer than the connection's reconnect interval (RedisConnection): every instance listens again before the replay.
        options.AutoRecoveryDelay = TimeSpan.FromSeconds(1);
        return options;
    }

    /// <summary>Image sets keep their own entry options (fail-safe, timeouts, the refresh point); everything else the defaults.</summary>
    private sealed class ImageEntryOptions(FusionCacheEntryOptions images) : FusionCacheEntryOptionsProvider
    {
        public override FusionCacheEntryOptions? GetEntryOptions(FusionCacheEntryOptionsProviderContext ctx, string key, out bool canMutate)
        {
            canMutate = false;
            return key.StartsWith(ImageStorage.KeyPrefix, StringComparison.Ordinal) ? images : null;
        }
    }
}
