using CleanShop.Infrastructure.Caching;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CleanShop.Infrastructure.Images;

/// <summary>
/// Each product's write sequence number, in Redis, so that a listing which began before a write is never kept after it
/// (the version check of "Scaling Memcache at Facebook"): a cache orders the values it is given, not when they were read.
/// Without Redis the numbers live here, per stripe of products (a write stales its stripe: one listing more). Null: Redis unreachable.
/// </summary>
internal sealed class ImageWriteGuard(RedisConnection redis, ILogger<ImageWriteGuard> logger)
{
    private const string RecordScript = "local s = redis.call('INCR', KEYS[1]) redis.call('SET', KEYS[2], s) return s"; // one step: never seen apart
    private readonly long[] _stripes = new long[1024];
    private long _latest;

    /// <summary>The sequence number of the product's last write (0: none known).</summary>
    public Task<long?> ReadVersionAsync(int productId) =>
        redis.Multiplexer is null ? Task.FromResult<long?>(Volatile.Read(ref _stripes[productId & 1023])) : CallAsync(db => db.StringGetAsync(VersionKey(productId)));

    /// <summary>The latest write to any product: a listing that starts now is newer than every write up to it.</summary>
    public Task<long?> ReadLatestWriteAsync() =>
        redis.Multiplexer is null ? Task.FromResult<long?>(Volatile.Read(ref _latest)) : CallAsync(db => db.StringGetAsync(SequenceKey));

    /// <summary>Records a write to the product, before it is listed again; its new sequence number.</summary>
    public Task<long?> RecordWriteAsync(int productId)
    {
        if (redis.Multiplexer is not null)
            return CallAsync(async db => (RedisValue)(long)await db.ScriptEvaluateAsync(RecordScript, [SequenceKey, VersionKey(productId)]));
        var sequence = Interlocked.Increment(ref _latest);
        Volatile.Write(ref _stripes[productId & 1023], sequence);
        return Task.FromResult<long?>(sequence);
    }

    /// <summary>Whether the set was listed before the product's last write.</summary>
    public async Task<bool> IsStaleAsync(ImageSet set) => await ReadVersionAsync(set.ProductId) > set.Version;

    private async Task<long?> CallAsync(Func<IDatabase, Task<RedisValue>> call)
    {
        try
        {
            var value = await call(redis.Multiplexer!.GetDatabase());
            return value.IsNull ? 0 : (long)value;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogDebug(exception, "Redis could not be asked for an image write sequence number");
            return null;
        }
    }

    private RedisKey SequenceKey => redis.KeyPrefix + "image-writes";

    private RedisKey VersionKey(int productId) => $"{redis.KeyPrefix}image-writes:{productId}";
}
