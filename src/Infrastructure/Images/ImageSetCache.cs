using System.Collections.Concurrent;
using System.Globalization;
using CleanShop.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CleanShop.Infrastructure.Images;

/// <summary>
/// Where image sets are kept: this process's memory, then HybridCache's shared level (Redis), with one load per key
/// however many requests wait for it. Beside each set, Redis keeps each product's write sequence number, so that a
/// listing that began before a write is never kept after it (the lease/version check of "Scaling Memcache at
/// Facebook", NSDI 2013): a set is stored only while no write to its product came after the listing began, and
/// checked again once stored.
/// </summary>
/// <remarks>
/// The memory level is a dictionary of our own rather than HybridCache's: an entry must be dropped in this process
/// alone (when another process says so), every entry must be marked suspect at once when the subscription to those
/// messages was lost, and a stale entry must still be at hand as a fallback while the store is down.
/// </remarks>
internal sealed class ImageSetCache
{
    public const string Topic = "images";
    private const string Tag = "product-images";
    private static readonly string[] Tags = [Tag];

    private readonly HybridCache _cache;
    private readonly RedisConnection _redis;
    private readonly CacheInvalidationBus _bus;
    private readonly ILogger<ImageSetCache> _logger;
    private readonly ConcurrentDictionary<int, LocalEntry> _local = new();
    private readonly HybridCacheEntryOptions _shared;
    private readonly HybridCacheEntryOptions _probe;
    private int _epoch;

    public ImageSetCache(HybridCache cache, RedisConnection redis, CacheInvalidationBus bus, IOptions<ImageCacheOptions> options, ILogger<ImageSetCache> logger)
    {
        _cache = cache;
        _redis = redis;
        _bus = bus;
        _logger = logger;
        // An entry is useless once its URLs have expired; the sweep replaces it long before.
        _shared = new HybridCacheEntryOptions { Expiration = options.Value.UrlLifetime, Flags = HybridCacheEntryFlags.DisableLocalCache };
        _probe = new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCacheWrite };
        bus.Subscribe(Topic, async item =>
        {
            if (item == CacheInvalidationBus.All)
            {
                _local.Clear();
                // HybridCache learns of a tag removal made in another process only when told, or much later.
                await _cache.RemoveByTagAsync(Tag);
            }
            else if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var productId))
            {
                _local.TryRemove(productId, out _);
            }
        });
        bus.Reconnected += () => Interlocked.Increment(ref _epoch);
    }

    /// <summary>False when there is no Redis: this process is the only one, and its memory the only level.</summary>
    public bool HasSharedLevel => _redis.Multiplexer is not null;

    /// <summary>This process's copy; <paramref name="suspect"/> when it was kept while messages from other processes may have been lost.</summary>
    public bool TryGetLocal(int productId, out CachedImageSet set, out bool suspect)
    {
        if (_local.TryGetValue(productId, out var entry))
        {
            set = entry.Set;
            suspect = entry.Epoch != Volatile.Read(ref _epoch);
            return true;
        }

        set = null!;
        suspect = false;
        return false;
    }

    public void SetLocal(CachedImageSet set) => _local[set.ProductId] = new LocalEntry(set, Volatile.Read(ref _epoch));

    public void DropLocal(int productId) => _local.TryRemove(productId, out _);

    /// <summary>The shared entry, or null; never loads.</summary>
    public async ValueTask<CachedImageSet?> GetSharedAsync(int productId, CancellationToken cancellationToken)
    {
        try
        {
            return await _cache.GetOrCreateAsync<CachedImageSet?>(Key(productId), static _ => ValueTask.FromResult<CachedImageSet?>(null), _probe, Tags, cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// The shared entry, or the result of <paramref name="load"/>, stored: one load per key in this process, however
    /// many wait; the load traced under the caller.
    /// </summary>
    public ValueTask<CachedImageSet> GetOrLoadSharedAsync(int productId, Func<CancellationToken, ValueTask<CachedImageSet>> load, CancellationToken cancellationToken) =>
        _cache.GetOrLoadInCallerTraceAsync(Key(productId), load, static (load, ct) => load(ct), _shared, Tags, cancellationToken);

    /// <summary>
    /// Stores <paramref name="set"/> here and in the shared level unless a write to the product came after its listing
    /// began, then checks again (a write may land between the check and the store) and takes it back if one did.
    /// True when the set stayed.
    /// </summary>
    public async Task<bool> StoreAsync(CachedImageSet set, CancellationToken cancellationToken)
    {
        if (await ReadVersionAsync(set.ProductId) > set.Version)
            return false;
        SetLocal(set);
        try
        {
            await _cache.SetAsync(Key(set.ProductId), set, _shared, Tags, cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _logger.LogWarning(exception, "Could not share the image set of product {ProductId}", set.ProductId);
        }

        if (await ReadVersionAsync(set.ProductId) > set.Version)
        {
            await RemoveAsync(set.ProductId, cancellationToken);
            return false;
        }

        return true;
    }

    /// <summary>Drops the product's set here and in the shared level (other processes are told by the caller).</summary>
    public async Task RemoveAsync(int productId, CancellationToken cancellationToken)
    {
        DropLocal(productId);
        try
        {
            await _cache.RemoveAsync(Key(productId), cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _logger.LogWarning(exception, "Could not remove the shared image set of product {ProductId}", productId);
        }
    }

    /// <summary>Tells every other process to drop its copy of the product's set; false when Redis could not be reached.</summary>
    public Task<bool> PublishAsync(int productId, CancellationToken cancellationToken) =>
        _bus.PublishAsync(Topic, productId.ToString(CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>Forgets every set, here, in the shared level and in every other process.</summary>
    public Task<bool> RemoveAllAsync(CancellationToken cancellationToken) =>
        _bus.InvalidateAsync(Topic, CacheInvalidationBus.All, async ct =>
        {
            _local.Clear();
            await _cache.RemoveByTagAsync(Tag, ct);
        }, cancellationToken);

    /// <summary>The sequence number of the product's last write (0: none known); null when Redis cannot be reached.</summary>
    public async Task<long?> ReadVersionAsync(int productId)
    {
        if (_redis.Multiplexer is not { } multiplexer)
            return null;
        try
        {
            var value = await multiplexer.GetDatabase().StringGetAsync(VersionKey(productId));
            return value.IsNull ? 0 : (long)value;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>The sequence numbers of several products' last writes, in one round trip; null when Redis cannot be reached.</summary>
    public async Task<long[]?> ReadVersionsAsync(IReadOnlyList<int> productIds)
    {
        if (_redis.Multiplexer is not { } multiplexer)
            return null;
        try
        {
            var values = await multiplexer.GetDatabase().StringGetAsync(productIds.Select(VersionKey).ToArray());
            return Array.ConvertAll(values, v => v.IsNull ? 0L : (long)v);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>The sequence number of the latest write to any product: a listing that starts now is newer than every write up to it.</summary>
    public async Task<long?> ReadLatestWriteAsync()
    {
        if (_redis.Multiplexer is not { } multiplexer)
            return null;
        try
        {
            var value = await multiplexer.GetDatabase().StringGetAsync(SequenceKey);
            return value.IsNull ? 0 : (long)value;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Records a write to the product, before its set is listed again; its new sequence number, or null when Redis cannot be reached.</summary>
    public async Task<long?> RecordWriteAsync(int productId)
    {
        if (_redis.Multiplexer is not { } multiplexer)
            return null;
        try
        {
            // One step, so that the product's number and the latest are never seen apart.
            var result = await multiplexer.GetDatabase().ScriptEvaluateAsync(
                "local s = redis.call('INCR', KEYS[1]) redis.call('SET', KEYS[2], s) return s",
                [SequenceKey, VersionKey(productId)]);
            return (long)result;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _logger.LogWarning(exception, "Could not record a write to the images of product {ProductId}", productId);
            return null;
        }
    }

    private RedisKey SequenceKey => _redis.KeyPrefix + "image-writes";

    private RedisKey VersionKey(int productId) => $"{_redis.KeyPrefix}image-writes:{productId}";

    private static string Key(int productId) => $"product-images:{productId}";

    private sealed record LocalEntry(CachedImageSet Set, int Epoch);
}
