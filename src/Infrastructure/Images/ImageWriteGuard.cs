using CleanShop.Infrastructure.Caching;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CleanShop.Infrastructure.Images;

/// <summary>
/// Each product's write sequence number, in Redis, so that a listing which began before a write is never kept after
/// it (the lease/version check of "Scaling Memcache at Facebook", NSDI 2013). No cache library does this: a cache
/// orders the values it is given, not the moments at which they were read from their source. Without Redis (one
/// process) the numbers are kept here, per stripe of products: a write then also stales its stripe's other listings,
/// which only costs a listing again. Null answers mean that Redis cannot be reached.
/// </summary>
internal sealed class ImageWriteGuard(RedisConnection redis, ILogger<ImageWriteGuard> logger)
{
    private readonly long[] _stripes = new long[1024];
    private long _latest;

    /// <summary>The sequence number of the product's last write (0: none known).</summary>
    public Task<long?> ReadVersionAsync(int productId) =>
        redis.Multiplexer is null ? Task.FromResult<long?>(Volatile.Read(ref _stripes[productId & 1023])) : ReadAsync(VersionKey(productId));

    /// <summary>The sequence number of the latest write to any product: a listing that starts now is newer than every write up to it.</summary>
    public Task<long?> ReadLatestWriteAsync() =>
        redis.Multiplexer is null ? Task.FromResult<long?>(Volatile.Read(ref _latest)) : ReadAsync(SequenceKey);

    /// <summary>Records a write to the product, before its set is listed again; its new sequence number.</summary>
    public async Task<long?> RecordWriteAsync(int productId)
    {
        if (redis.Multiplexer is not { } multiplexer)
        {
            var sequence = Interlocked.Increment(ref _latest);
            Volatile.Write(ref _stripes[productId & 1023], sequence);
            return sequence;
        }

        try
        {
            // One step, so that the product's number and the latest are never seen apart.
            return (long)await multiplexer.GetDatabase().ScriptEvaluateAsync(
                "local s = redis.call('INCR', KEYS[1]) redis.call('SET', KEYS[2], s) return s", [SequenceKey, VersionKey(productId)]);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Could not record a write to the images of product {ProductId}", productId);
            return null;
        }
    }

    /// <summary>Whether the set was listed before the product's last write.</summary>
    public async Task<bool> IsStaleAsync(ImageSet set) => await ReadVersionAsync(set.ProductId) > set.Version;

    private async Task<long?> ReadAsync(RedisKey key)
    {
        try
        {
            var value = await redis.Multiplexer!.GetDatabase().StringGetAsync(key);
            return value.IsNull ? 0 : (long)value;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return null;
        }
    }

    private RedisKey SequenceKey => redis.KeyPrefix + "image-writes";

    private RedisKey VersionKey(int productId) => $"{redis.KeyPrefix}image-writes:{productId}";
}
