using System.Diagnostics;
using CleanShop.IntegrationTests.Support;
using StackExchange.Redis;

namespace CleanShop.IntegrationTests.Images;

/// <summary>A crashed sweeper leaves its lease behind: the next instance waits for it to run out, then sweeps.</summary>
public sealed class SweepLeaseTests
{
    [Fact]
    public async Task A_lease_left_by_a_dead_sweeper_is_taken_over_once_it_runs_out()
    {
        await using var api = new CleanShopApiFactory();
        api.Settings["ImageIndex:SweepInterval"] = "00:00:00.500";
        api.Settings["ImageIndex:LeaseTime"] = "00:00:02";
        TestComponents.EnsureRunning();
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestComponents.RedisConnection);
        var lease = (RedisKey)(api.Isolation.RedisKeyPrefix + "image-index:lease");
        // What a process that died while sweeping leaves behind: its lease, with the time it had left.
        Assert.True(await redis.GetDatabase().StringSetAsync(lease, "a dead instance", TimeSpan.FromSeconds(10), When.NotExists));

        await api.InitializeAsync();
        var watch = Stopwatch.StartNew();
        var leaseLeft = await redis.GetDatabase().KeyTimeToLiveAsync(lease) ?? TimeSpan.Zero;
        await api.S3Calls.WaitForSweepsAsync(after: 0, timeout: TimeSpan.FromSeconds(20));

        Assert.True(watch.Elapsed >= leaseLeft - TimeSpan.FromMilliseconds(300), $"swept after {watch.Elapsed.TotalMilliseconds} ms, while the dead instance's lease had {leaseLeft.TotalMilliseconds} ms left");
        Assert.True(watch.Elapsed <= leaseLeft + TimeSpan.FromSeconds(3), $"took over {watch.Elapsed.TotalMilliseconds} ms after, when the lease had {leaseLeft.TotalMilliseconds} ms left");
    }
}
