using System.Globalization;
using System.Threading.Channels;
using CleanShop.Infrastructure.Caching;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CleanShop.Infrastructure.Variants;

/// <summary>An original whose variants are wanted.</summary>
internal sealed record VariantJob(int ProductId, string Filename)
{
    public string Id => $"{ProductId.ToString(CultureInfo.InvariantCulture)}/{Filename}";

    public static VariantJob? Parse(string? id) =>
        id?.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash && int.TryParse(id.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var productId)
            ? new VariantJob(productId, id[(slash + 1)..]) : null;
}

/// <summary>
/// The originals waiting for variants, shared by every process of a stack: in Redis, so that a command-line upload (a
/// process that ends at once) is processed by an API instance, and each job by one instance. A job already waiting is
/// not added twice. Without Redis, a queue in this process. When Redis cannot be reached the job is dropped with a
/// log line: the sweep finds the variants missing and queues it again.
/// </summary>
internal sealed class VariantQueue : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5); // a missed wake-up costs no more than this
    private readonly RedisConnection _redis;
    private readonly ILogger<VariantQueue> _logger;
    private readonly RedisKey _list;
    private readonly RedisKey _waiting;
    private readonly RedisKey _failed;
    private readonly RedisChannel _added;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _localFailed = new(StringComparer.Ordinal);
    private readonly Channel<VariantJob> _local = Channel.CreateUnbounded<VariantJob>();
    private readonly HashSet<string> _localWaiting = [];
    private readonly SemaphoreSlim _wake = new(0);
    private long _pending;

    public VariantQueue(RedisConnection redis, CatalogMetrics metrics, ILogger<VariantQueue> logger)
    {
        _redis = redis;
        _logger = logger;
        _list = redis.KeyPrefix + "variants:queue";
        _waiting = redis.KeyPrefix + "variants:waiting";
        _failed = redis.KeyPrefix + "variants:failed";
        _added = RedisChannel.Literal(redis.KeyPrefix + "variants:added");
        metrics.ObserveVariantsPending(Pending);
    }

    /// <summary>
    /// The queue's length when the metric is read: the shared list in Redis (other instances push to it while this one's
    /// workers are busy), else this process's own; while Redis cannot answer, what this process last saw.
    /// </summary>
    private long Pending()
    {
        if (Database is not { } db)
            return Volatile.Read(ref _pending);
        try
        {
            Volatile.Write(ref _pending, db.ListLength(_list));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _logger.LogDebug("The variant queue's length could not be read: {Reason}", exception.Message);
        }

        return Volatile.Read(ref _pending);
    }

    private IDatabase? Database => _redis.Multiplexer?.GetDatabase();

    /// <summary>Queues each job not waiting already: pipelined, so that a sweep that finds thousands costs a few round trips.</summary>
    public async Task EnqueueAsync(IReadOnlyList<VariantJob> jobs)
    {
        if (jobs.Count == 0)
            return;
        if (Database is not { } db)
        {
            foreach (var job in jobs)
            {
                lock (_localWaiting)
                {
                    if (!_localWaiting.Add(job.Id))
                        continue;
                }

                Interlocked.Increment(ref _pending);
                _local.Writer.TryWrite(job);
            }

            return;
        }

        try
        {
            var added = await Task.WhenAll(jobs.Select(job => db.SetAddAsync(_waiting, job.Id)));
            var fresh = jobs.Where((_, i) => added[i]).Select(job => (RedisValue)job.Id).ToArray();
            if (fresh.Length == 0)
                return;
            await db.ListLeftPushAsync(_list, fresh);
            await db.PublishAsync(_added, fresh.Length);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _logger.LogWarning("Variants of {Count} originals (first {Original}) could not be queued ({Reason}); the sweep queues them again", jobs.Count, jobs[0].Id, exception.Message);
        }
    }

    /// <summary>The next job, once there is one; it is no longer "waiting", so a later write queues it again.</summary>
    public async Task<VariantJob> DequeueAsync(CancellationToken cancellationToken)
    {
        if (Database is null)
        {
            var job = await _local.Reader.ReadAsync(cancellationToken);
            lock (_localWaiting)
                _localWaiting.Remove(job.Id);
            Interlocked.Decrement(ref _pending);
            return job;
        }

        await SubscribeOnceAsync();
        while (true)
        {
            try
            {
                var db = Database!;
                if (VariantJob.Parse(await db.ListRightPopAsync(_list)) is { } job)
                {
                    await db.SetRemoveAsync(_waiting, job.Id);
                    return job;
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                _logger.LogDebug("The variant queue could not be read: {Reason}", exception.Message);
            }

            await _wake.WaitAsync(Poll, cancellationToken);
        }
    }

    /// <summary>An original that yielded no variant, by what it was (its ETag): not tried again until it changes.</summary>
    public async Task RememberFailureAsync(VariantJob job, string etag)
    {
        _localFailed[job.Id] = etag;
        try
        {
            if (Database is { } db)
                await db.HashSetAsync(_failed, job.Id, etag);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _logger.LogDebug("A variant failure could not be remembered in Redis: {Reason}", exception.Message);
        }
    }

    /// <summary>Every original that failed, with the ETag it had then.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FailuresAsync()
    {
        try
        {
            if (Database is { } db)
                return (await db.HashGetAllAsync(_failed)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _logger.LogDebug("Variant failures could not be read from Redis: {Reason}", exception.Message);
        }

        return _localFailed;
    }

    public async Task ForgetFailuresAsync(IReadOnlyCollection<string> ids)
    {
        foreach (var id in ids)
            _localFailed.TryRemove(id, out _);
        try
        {
            if (Database is { } db && ids.Count > 0)
                await db.HashDeleteAsync(_failed, [.. ids.Select(i => (RedisValue)i)]);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _logger.LogDebug("Variant failures could not be forgotten in Redis: {Reason}", exception.Message);
        }
    }

    private int _subscribed;

    private async Task SubscribeOnceAsync()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1 || _redis.Multiplexer is not { } multiplexer)
            return;
        try
        {
            await multiplexer.GetSubscriber().SubscribeAsync(_added, (_, count) => _wake.Release(Math.Clamp((int)count, 1, 64)));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Volatile.Write(ref _subscribed, 0); // polled meanwhile; subscribed on a later call
            _logger.LogDebug("The variant queue's wake-ups could not be subscribed to: {Reason}", exception.Message);
        }
    }

    public void Dispose() => _wake.Dispose();
}
