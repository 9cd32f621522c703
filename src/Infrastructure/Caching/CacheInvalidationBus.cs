using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CleanShop.Infrastructure.Caching;

/// <summary>
/// HybridCache removes an entry from Redis and from its own process's memory, but other processes keep
/// their in-memory copy until it expires. This bus closes that gap: every removal is published on a Redis
/// channel, and every process that listens removes the same entry from its memory. Redis delivers in
/// milliseconds, so a change made anywhere shows in every instance's next response.
/// </summary>
internal sealed class CacheInvalidationBus(
    HybridCache cache,
    RedisConnection redis,
    ILogger<CacheInvalidationBus> logger) : IHostedService
{
    /// <summary>The message that means "every image entry".</summary>
    public const string All = "*";

    private RedisChannel Channel => RedisChannel.Literal(redis.KeyPrefix + "cache-invalidations");

    /// <summary>
    /// Removes an entry (or a tag) here, with <paramref name="removeHere"/>, and tells every other process to do the
    /// same. A change that reached its store is done even when Redis is down: failures are logged, and reported as
    /// false, never thrown.
    /// </summary>
    public async Task<bool> InvalidateAsync(string message, Func<CancellationToken, ValueTask> removeHere, CancellationToken cancellationToken)
    {
        var removed = true;
        try
        {
            await removeHere(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Could not remove cache entry {CacheKey} from Redis", message);
            removed = false;
        }

        return await PublishAsync(message, cancellationToken) && removed;
    }

    /// <summary>Tells every listening process to drop the entry; false when Redis could not be reached.</summary>
    private async Task<bool> PublishAsync(string message, CancellationToken cancellationToken)
    {
        if (redis.Multiplexer is not { } multiplexer)
            return true; // no Redis configured: this process is the only one, and its memory is cleared already
        try
        {
            await multiplexer.GetSubscriber().PublishAsync(Channel, message).WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The change itself is done; other instances will see it when their entries expire.
            logger.LogWarning(exception, "Could not tell other instances to drop cache entry {CacheKey}", message);
            return false;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.Multiplexer is not { } multiplexer)
            return;
        try
        {
            var queue = await multiplexer.GetSubscriber().SubscribeAsync(Channel);
            queue.OnMessage(async message =>
            {
                try
                {
                    if (message.Message == All)
                        await cache.RemoveByTagAsync(ImageCacheKeys.Tag);
                    else
                        await cache.RemoveAsync(message.Message.ToString());
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Could not drop cache entry {CacheKey} on another instance's request", message.Message.ToString());
                }
            });
        }
        catch (RedisException exception)
        {
            // StackExchange.Redis re-subscribes when the connection comes back.
            logger.LogWarning(exception, "Could not subscribe to cache invalidations; retrying in the background");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
