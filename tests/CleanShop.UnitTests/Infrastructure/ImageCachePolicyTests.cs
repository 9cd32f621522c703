using CleanShop.Application.Common.Exceptions;
using CleanShop.Infrastructure.Caching;
using CleanShop.Infrastructure.Images;
using CleanShop.Infrastructure.Persistence;
using CleanShop.Infrastructure.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.MicrosoftHybridCache;

namespace CleanShop.UnitTests.Infrastructure;

/// <summary>
/// The image cache policy on its own: <see cref="ImageStorage"/> on FusionCache in memory, with the options the service
/// gives it, over a bucket in memory that counts its listings. Our clock is a <see cref="FakeTimeProvider"/>; FusionCache
/// takes no clock, so where its entries must expire the tests use short durations and wait until the store is asked again.
/// </summary>
public sealed class ImageCachePolicyTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly CountingImageStore _store;
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private FusionCache? _cache;

    public ImageCachePolicyTests() => _store = new CountingImageStore(_clock);

    [Fact]
    public async Task A_set_is_served_from_the_cache_until_its_refresh_point_one_buffer_before_its_first_URL_expires_then_listed_again()
    {
        var options = new ImageOptions { UrlLifetime = TimeSpan.FromSeconds(1.3), RefreshBuffer = TimeSpan.FromSeconds(1) };
        var storage = Create(options);
        _store.Put(1, "a.png");

        var first = await storage.GetImagesAsync(1, CancellationToken.None);
        var again = await storage.GetImagesAsync(1, CancellationToken.None);

        Assert.Same(first, again); // the one cached answer
        Assert.Equal(1, _store.Lists);
        Assert.Equal(_clock.GetUtcNow() + options.UrlLifetime, first.Images.Single().ExpiresAt);
        // One rule: the cache keeps a set fresh for as long as the refresh point is away.
        Assert.Equal(options.UrlLifetime - options.RefreshBuffer, ImageStorage.EntryOptions(options).Duration);
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.False((await storage.GetImagesAsync(1, CancellationToken.None)).Degraded);

        await ReadUntilAsync(storage, () => _store.Lists == 2);
        Assert.NotEqual(first.Images.Single().Url, (await storage.GetImagesAsync(1, CancellationToken.None)).Images.Single().Url);
    }

    [Fact]
    public async Task Past_its_refresh_point_with_the_store_down_the_last_set_is_served_with_only_the_URLs_that_still_work_marked_degraded()
    {
        // Fresh for 0.2 s of real time, then fail-safe for 9.8 s: a slow machine reaches the refresh point well inside it.
        var storage = Create(new ImageOptions { UrlLifetime = TimeSpan.FromSeconds(10), RefreshBuffer = TimeSpan.FromSeconds(9.8) });
        _store.Put(1, "long.png");
        _store.Put(1, "short.png");
        _store.SignedShorter["short.png"] = TimeSpan.FromSeconds(0.1);
        Assert.False((await storage.GetImagesAsync(1, CancellationToken.None)).Degraded);

        _store.BeforeListReturns = (_, _) => throw new DependencyUnavailableException("Object storage");
        await ReadUntilAsync(storage, () => _store.Lists >= 2); // the cache's entry reached its refresh point and the store failed
        _clock.Advance(TimeSpan.FromSeconds(9.95)); // short.png's URL has expired, long.png's has not

        var served = await storage.GetImagesAsync(1, CancellationToken.None);

        Assert.True(served.Degraded);
        Assert.Equal(["long.png"], served.Images.Select(i => i.Filename));
    }

    [Fact]
    public async Task With_nothing_cached_and_the_store_down_a_read_answers_degraded_without_images_and_asks_again_only_after_the_failure_cache_duration()
    {
        var storage = Create(new ImageOptions { FailureCacheDuration = TimeSpan.FromMilliseconds(200) });
        _store.Put(1, "a.png");
        _store.BeforeListReturns = (_, _) => throw new DependencyUnavailableException("Object storage");

        var first = await storage.GetImagesAsync(1, CancellationToken.None);
        var second = await storage.GetImagesAsync(1, CancellationToken.None);

        Assert.True(first.Degraded);
        Assert.Empty(first.Images);
        Assert.True(second.Degraded);
        Assert.Equal(1, _store.Lists); // the degraded answer is kept, not asked for again on every read

        _store.BeforeListReturns = null;
        await ReadUntilAsync(storage, () => _store.Lists == 2);
        var healed = await storage.GetImagesAsync(1, CancellationToken.None);
        Assert.False(healed.Degraded);
        Assert.Equal(["a.png"], healed.Images.Select(i => i.Filename));
    }

    [Fact]
    public async Task A_write_is_seen_by_the_next_read_which_lists_nothing_itself()
    {
        var storage = Create(new ImageOptions());
        Assert.Empty((await storage.GetImagesAsync(1, CancellationToken.None)).Images);

        await storage.UploadAsync(1, "b.png", Stream.Null, "image/png", sha256: null, CancellationToken.None);
        var listsAfterWrite = _store.Lists;
        var read = await storage.GetImagesAsync(1, CancellationToken.None);

        Assert.Equal(["b.png"], read.Images.Select(i => i.Filename));
        Assert.Equal(2, listsAfterWrite); // the read's, then the write's
        Assert.Equal(listsAfterWrite, _store.Lists);

        await storage.DeleteAsync(1, "b.png", CancellationToken.None);
        Assert.Empty((await storage.GetImagesAsync(1, CancellationToken.None)).Images);
    }

    [Fact]
    public async Task A_listing_that_began_before_a_write_and_ended_after_it_is_not_kept()
    {
        var storage = Create(new ImageOptions());
        var firstListingHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.BeforeListReturns = async (number, _) =>
        {
            if (number != 1)
                return;
            firstListingHeld.SetResult();
            await release.Task;
        };

        var read = storage.GetImagesAsync(1, CancellationToken.None).AsTask();
        await firstListingHeld.Task.WaitAsync(Bound); // its snapshot holds no image yet
        await storage.UploadAsync(1, "new.png", Stream.Null, "image/png", sha256: null, CancellationToken.None).WaitAsync(Bound);
        release.SetResult();

        Assert.Equal(["new.png"], (await read.WaitAsync(Bound)).Images.Select(i => i.Filename));
        Assert.Equal(["new.png"], (await storage.GetImagesAsync(1, CancellationToken.None)).Images.Select(i => i.Filename));
    }

    [Fact]
    public async Task A_listing_longer_than_the_read_timeout_is_abandoned_and_the_read_answers_degraded()
    {
        var storage = Create(new ImageOptions { ReadTimeout = TimeSpan.FromMilliseconds(100) });
        _store.Put(1, "a.png");
        var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.BeforeListReturns = async (_, cancellationToken) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken); // S3 that never answers
            }
            finally
            {
                abandoned.TrySetResult();
            }
        };

        var read = await storage.GetImagesAsync(1, CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.True(read.Degraded);
        Assert.Empty(read.Images);
        await abandoned.Task.WaitAsync(Bound); // cancelled, not left running
    }

    private ImageStorage Create(ImageOptions options)
    {
        _cache = new FusionCache(CacheSetup.Configure(new FusionCacheOptions(), "test:", options, new ProductCacheOptions()));
        var redis = new RedisConnection(null, "test:");
        return new ImageStorage(new FusionHybridCache(_cache), _store, new ImageWriteGuard(redis, NullLogger<ImageWriteGuard>.Instance), redis,
            Microsoft.Extensions.Options.Options.Create(options), _clock, new CatalogMetrics(_metrics.GetRequiredService<IMeterFactory>()), NullLogger<ImageStorage>.Instance);
    }

    /// <summary>Reads until <paramref name="condition"/> holds: FusionCache's entries expire on the real clock, not ours.</summary>
    private static async Task ReadUntilAsync(ImageStorage storage, Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await storage.GetImagesAsync(1, CancellationToken.None);
            await Task.Delay(20, timeout.Token);
        }
    }

    public void Dispose()
    {
        _cache?.Dispose();
        _metrics.Dispose();
    }
}
