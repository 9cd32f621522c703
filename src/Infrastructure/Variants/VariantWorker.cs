using System.Collections.Concurrent;
using System.Diagnostics;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Infrastructure.Caching;
using CleanShop.Infrastructure.Telemetry;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Variants;

/// <summary>
/// Makes the variants of the originals <see cref="VariantQueue"/> holds, <see cref="ImageVariantOptions.Concurrency"/>
/// at a time, off every request's path. One instance processes a given original at a time (a lock in Redis). A
/// variant names the original it was made from (metadata: its SHA-256, else its ETag), and is made again when that is
/// not what the original is now. An original replaced while it was processed loses the variants just made and is
/// queued again.
/// </summary>
internal sealed class VariantWorker(
    VariantQueue queue, S3VariantStore store, VariantFactsCache facts, Images.ImageStorage images, RedisConnection redis, IOptions<ImageVariantOptions> options,
    IOptions<ImageUploadOptions> uploads, CatalogMetrics metrics, ILogger<VariantWorker> logger) : BackgroundService, IImageVariantMaker
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _localLocks = new(StringComparer.Ordinal);

    private static int _libvipsLimited;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return Task.CompletedTask;
        LimitLibvips(options.Value);
        // Also the first call into the native library: one that cannot load stops the host here, not on the first upload.
        logger.LogInformation("Image variants are made with libvips {Version:l}, {Concurrency} at a time", LibvipsVersion, options.Value.Concurrency);
        return Task.WhenAll(Enumerable.Range(0, options.Value.Concurrency).Select(_ => Task.Run(() => ConsumeAsync(stoppingToken), stoppingToken)));
    }

    private static string LibvipsVersion => $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";

    /// <summary>libvips' operation cache is process-wide: bounded, and one thread per operation (the concurrency is ours).</summary>
    internal static void LimitLibvips(ImageVariantOptions options)
    {
        if (Interlocked.Exchange(ref _libvipsLimited, 1) == 1)
            return;
        NetVips.Cache.MaxMem = (ulong)options.MemoryMB * 1024 * 1024;
        NetVips.Cache.MaxFiles = options.MemoryMB == 0 ? 0 : 16;
        NetVips.Cache.Max = options.MemoryMB == 0 ? 0 : 64;
        NetVips.NetVips.Concurrency = 1;
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await queue.DequeueAsync(stoppingToken);
                await ProcessAsync(job, force: false, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // S3 or Redis failing: the sweep queues the original again.
                metrics.VariantFailed();
                logger.LogWarning("Variants could not be made: {Reason}", exception.Message);
            }
        }
    }

    public Task<ImageVariantOutcome> MakeAsync(int productId, string filename, bool missingOnly, CancellationToken cancellationToken)
    {
        LimitLibvips(options.Value);
        return ProcessAsync(new VariantJob(productId, filename), force: !missingOnly, cancellationToken);
    }

    /// <param name="force">Made again even when current, and tried again when it failed before (the command line's <c>images variants</c>).</param>
    public async Task<ImageVariantOutcome> ProcessAsync(VariantJob job, bool force, CancellationToken cancellationToken)
    {
        await using var held = await LockAsync(job, cancellationToken);
        var variants = options.Value.Variants;
        var existing = new List<StoredVariant>();
        await foreach (var variant in store.ListAsync(VariantKey.OfOriginal(job.ProductId, job.Filename), cancellationToken))
            existing.Add(variant);

        if (await store.HeadOriginalAsync(job.ProductId, job.Filename, cancellationToken) is not { } head)
        {
            await store.DeleteAsync([.. existing.Select(v => v.Key)], cancellationToken);
            return ImageVariantOutcome.Gone;
        }

        if (!force && await AreCurrentAsync(variants.Keys, existing, head.Source, cancellationToken))
            return ImageVariantOutcome.Current;
        if (!force && (await queue.FailuresAsync()).GetValueOrDefault(job.Id) == head.ETag)
            return ImageVariantOutcome.Failed;

        if (head.Size > uploads.Value.MaxFileBytes)
            return await FailAsync(head.ETag, $"the original holds {head.Size} bytes; ImageUpload:MaxFileBytes is {uploads.Value.MaxFileBytes}");
        var started = Stopwatch.GetTimestamp();
        using var original = await store.DownloadOriginalAsync(job.ProductId, job.Filename, cancellationToken);
        if (original is null)
            return ImageVariantOutcome.Gone;
        IReadOnlyList<MadeVariant> made;
        try
        {
            made = await Task.Run(() => VariantMaker.Make(original.File.Path, variants, uploads.Value.MaxPixels), cancellationToken);
        }
        catch (VariantFailedException failure)
        {
            return await FailAsync(original.ETag, failure.Message);
        }

        foreach (var variant in made)
        {
            var etag = await store.PutAsync(job.ProductId, job.Filename, variant, original, cancellationToken);
            await facts.RememberAsync(VariantKey.Of(job.ProductId, job.Filename, variant.Name), etag, new VariantFacts(variant.Width, variant.Height, original.ETag), cancellationToken);
            metrics.VariantMade(variant.Name);
        }

        await store.DeleteAsync([.. existing.Where(v => !variants.ContainsKey(v.Name)).Select(v => v.Key)], cancellationToken);
        if ((await store.HeadOriginalAsync(job.ProductId, job.Filename, cancellationToken))?.ETag != original.ETag)
        {
            // Replaced (or deleted) while it was processed: what was just made shows what it no longer is.
            await store.DeleteAsync([.. made.Select(v => VariantKey.Of(job.ProductId, job.Filename, v.Name))], cancellationToken);
            await queue.EnqueueAsync([job]);
            return ImageVariantOutcome.Gone;
        }

        metrics.VariantsProcessed(Stopwatch.GetElapsedTime(started));
        await images.RefreshAsync(job.ProductId, cancellationToken); // every instance serves them from now on
        return ImageVariantOutcome.Made;

        // Counted and logged once; remembered by what the original is, so that it is not tried again until it changes.
        async Task<ImageVariantOutcome> FailAsync(string etag, string reason)
        {
            metrics.VariantFailed();
            logger.LogWarning("Original {Original} yields no variants: {Reason}", job.Id, reason);
            await queue.RememberFailureAsync(job, etag);
            await store.DeleteAsync([.. existing.Select(v => v.Key)], cancellationToken); // made from what it was before
            return ImageVariantOutcome.Failed;
        }
    }

    /// <summary>By what each variant names, not by dates: S3's are whole seconds, and a replacement may land within one.</summary>
    private async Task<bool> AreCurrentAsync(IEnumerable<string> names, List<StoredVariant> existing, string source, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            if (existing.FirstOrDefault(v => v.Name == name) is not { } variant || await store.SourceOfAsync(variant.Key, cancellationToken) != source)
                return false;
        }

        return true;
    }

    private async Task<IAsyncDisposable> LockAsync(VariantJob job, CancellationToken cancellationToken)
    {
        if (redis.Multiplexer is { } multiplexer)
        {
            var name = $"{redis.KeyPrefix}variants:lock:{job.Id}";
            return await new RedisDistributedLock(name, multiplexer.GetDatabase(), o => o.Expiry(TimeSpan.FromMinutes(1))).TryAcquireAsync(LockWait, cancellationToken)
                ?? throw new TimeoutException($"another instance held the variants of {job.Id} for over {LockWait}");
        }

        var local = _localLocks.GetOrAdd(job.Id, _ => new SemaphoreSlim(1));
        await local.WaitAsync(cancellationToken);
        return new Released(local);
    }

    private sealed class Released(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}
