using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace CleanShop.Infrastructure.Caching;

/// <summary>
/// The process's one Redis connection, shared by the cache's second level, its backplane, the write guard and the
/// sweep's lease. Null <see cref="Multiplexer"/> when no Redis is configured: the cache is then in memory only.
/// </summary>
internal sealed class RedisConnection(IConnectionMultiplexer? multiplexer, string keyPrefix) : IDisposable
{
    public IConnectionMultiplexer? Multiplexer { get; } = multiplexer;

    /// <summary>Prepended to every key and channel, so that stacks (and tests) sharing one Redis never meet.</summary>
    public string KeyPrefix { get; } = keyPrefix;

    /// <summary>From <c>ConnectionStrings:Redis</c> (none: memory only) and <c>Redis:KeyPrefix</c>.</summary>
    public static RedisConnection Connect(IConfiguration settings)
    {
        var keyPrefix = settings["Redis:KeyPrefix"] ?? "cleanshop:";
        if (settings.GetConnectionString("Redis") is not { Length: > 0 } connectionString || string.IsNullOrWhiteSpace(connectionString))
            return new RedisConnection(null, keyPrefix);

        var configuration = ConfigurationOptions.Parse(connectionString);
        // Never block start-up or a request for long on a Redis that is down: the cache is an optimisation.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = 2000;
        configuration.SyncTimeout = 1000;
        configuration.AsyncTimeout = 1000;
        // While disconnected, fail at once instead of queueing: a cache that answers late is worse than none.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        // Reconnect within half a second of Redis coming back (the default backs off for several seconds): the
        // backplane's auto-recovery replays what was missed once every instance is back (CacheSetup).
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        return new RedisConnection(ConnectionMultiplexer.Connect(configuration), keyPrefix);
    }

    public void Dispose() => Multiplexer?.Dispose();
}
