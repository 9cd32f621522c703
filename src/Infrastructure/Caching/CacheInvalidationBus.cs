using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CleanShop.Infrastructure.Caching;

/// <summary>
/// Tells every process that shares the cache that something changed, on one Redis channel. A message is
/// <c>{topic}:{item}</c> ("images:5", "product:5"); each cache subscribes to its topic and drops what it keeps in
/// memory. Pub/sub loses what is sent while a process is disconnected, so the bus does two more things, as
/// FusionCache's backplane does: a message that could not be sent is sent again when Redis is back, and when this
/// process's own subscription comes back it raises <see cref="Reconnected"/>, so that each cache treats what it kept
/// in memory meanwhile as suspect.
/// </summary>
internal sealed class CacheInvalidationBus(RedisConnection redis, ILogger<CacheInvalidationBus> logger) : IHostedService
{
    /// <summary>The item that means "every entry of the topic".</summary>
    public const string All = "*";

    private readonly ConcurrentDictionary<string, Func<string, ValueTask>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _unsent = new(StringComparer.Ordinal);

    /// <summary>
    /// This process's subscription was lost and is back: messages sent meanwhile may be lost. Raised at once, and again
    /// a few seconds later, for the messages other processes re-send when they reconnect.
    /// </summary>
    public event Action? Reconnected;

    private RedisChannel Channel => RedisChannel.Literal(redis.KeyPrefix + "cache-invalidations");

    /// <summary>Calls <paramref name="onMessage"/> with the item of every message of <paramref name="topic"/>, from any process, this one included.</summary>
    public void Subscribe(string topic, Func<string, ValueTask> onMessage) => _handlers[topic] = onMessage;

    /// <summary>
    /// Removes an entry here and in the shared store with <paramref name="removeHere"/>, and tells every other process.
    /// A change that reached its store is done even when Redis is down: failures are logged and reported as false, never thrown.
    /// </summary>
    public async Task<bool> InvalidateAsync(string topic, string item, Func<CancellationToken, ValueTask> removeHere, CancellationToken cancellationToken)
    {
        var removed = true;
        try
        {
            await removeHere(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Could not remove cache entry {Topic}:{Item} from Redis", topic, item);
            removed = false;
        }

        return await PublishAsync(topic, item, cancellationToken) && removed;
    }

    /// <summary>Tells every listening process; false when Redis could not be reached (the message is then sent again when it is back).</summary>
    public async Task<bool> PublishAsync(string topic, string item, CancellationToken cancellationToken)
    {
        if (redis.Multiplexer is not { } multiplexer)
            return true; // no Redis configured: this process is the only one
        var message = $"{topic}:{item}";
        try
        {
            await multiplexer.GetSubscriber().PublishAsync(Channel, message).WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _unsent.TryAdd(message, 0);
            logger.LogWarning(exception, "Could not tell other instances about {Message}; it is sent again when Redis is back", message);
            return false;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.Multiplexer is not { } multiplexer)
            return;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        try
        {
            var queue = await multiplexer.GetSubscriber().SubscribeAsync(Channel);
            queue.OnMessage(message => DispatchAsync(message.Message.ToString()).AsTask());
        }
        catch (RedisException exception)
        {
            // StackExchange.Redis subscribes again when the connection comes back.
            logger.LogWarning(exception, "Could not subscribe to cache invalidations; retrying in the background");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (redis.Multiplexer is { } multiplexer)
            multiplexer.ConnectionRestored -= OnConnectionRestored;
        return Task.CompletedTask;
    }

    private async ValueTask DispatchAsync(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !_handlers.TryGetValue(message[..colon], out var handler))
            return; // no cache of that topic in this process: nothing of it is kept here
        try
        {
            await handler(message[(colon + 1)..]);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not drop cache entry {Message} on another instance's request", message);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs args)
    {
        if (args.ConnectionType != ConnectionType.Subscription)
            return;
        logger.LogInformation("Redis is back: re-sending {Count} cache invalidations and re-validating what this instance kept meanwhile", _unsent.Count);
        _ = RecoverAsync();
    }

    private async Task RecoverAsync()
    {
        Reconnected?.Invoke();
        foreach (var message in _unsent.Keys)
        {
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            if (_unsent.TryRemove(message, out _))
                await PublishAsync(message[..colon], message[(colon + 1)..], CancellationToken.None);
        }

        // Other processes re-send what they could not send when their own connection comes back, maybe a little later.
        await Task.Delay(TimeSpan.FromSeconds(3)); // real time: this waits for other processes, not for this one's clock
        Reconnected?.Invoke();
    }
}
