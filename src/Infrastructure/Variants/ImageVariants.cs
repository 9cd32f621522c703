using CleanShop.Application.Common.Interfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Variants;

/// <summary>
/// The variants' side of every write to the originals, and of every sweep: an original stored is queued (its answer
/// does not wait), a deleted one takes its variants along, and the sweep queues what lacks current variants and removes
/// orphans. Variants are derived: a step that fails here is logged and left to the next sweep, never failing the write.
/// </summary>
internal sealed class ImageVariants(VariantQueue queue, S3VariantStore store, IOptions<ImageVariantOptions> options, ILogger<ImageVariants> logger)
{
    public bool Enabled => options.Value.Enabled;

    public async Task OriginalStoredAsync(int productId, string filename)
    {
        if (Enabled)
            await queue.EnqueueAsync(new VariantJob(productId, filename));
    }

    public Task OriginalDeletedAsync(int productId, string filename, CancellationToken cancellationToken) =>
        DeleteUnderAsync(VariantKey.OfOriginal(productId, filename), cancellationToken);

    public Task ProductDeletedAsync(int productId, CancellationToken cancellationToken) =>
        DeleteUnderAsync(VariantKey.OfProduct(productId), cancellationToken);

    private async Task DeleteUnderAsync(string prefix, CancellationToken cancellationToken)
    {
        if (!Enabled)
            return;
        try
        {
            await store.DeleteUnderAsync(prefix, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Variants under {Prefix} could not be deleted ({Reason}); the sweep removes them", prefix, exception.Message);
        }
    }

    /// <summary>
    /// After a sweep listed <paramref name="originals"/>: queues each whose variants are missing or older than it (unless
    /// it failed as it is), and deletes variants whose original or name is gone. A variant newer than the listing's start
    /// may belong to an original listed too early to be seen: it is left for the next sweep.
    /// </summary>
    public async Task<(int Queued, int Removed)> SweepAsync(IReadOnlyList<(int ProductId, StoredImage Image)> originals, DateTimeOffset listingBegan, CancellationToken cancellationToken)
    {
        if (!Enabled)
            return (0, 0);
        var variants = new Dictionary<string, List<StoredVariant>>(StringComparer.Ordinal);
        await foreach (var variant in store.ListAsync(VariantKey.Prefix, cancellationToken))
        {
            var id = new VariantJob(variant.ProductId, variant.Filename).Id;
            if (!variants.TryGetValue(id, out var list))
                variants[id] = list = [];
            list.Add(variant);
        }

        var names = options.Value.Variants.Keys;
        var failures = await queue.FailuresAsync();
        var queued = 0;
        var originalIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (productId, image) in originals)
        {
            var job = new VariantJob(productId, image.Filename);
            originalIds.Add(job.Id);
            var made = variants.GetValueOrDefault(job.Id) ?? [];
            if (names.All(name => made.Any(v => v.Name == name && v.LastModified >= image.LastModified)))
                continue;
            if (failures.GetValueOrDefault(job.Id) is { } failedAs && failedAs == image.ETag)
                continue; // a corrupt original is not tried again until it changes
            await queue.EnqueueAsync(job);
            queued++;
        }

        var orphans = variants
            .SelectMany(e => e.Value.Where(v => !originalIds.Contains(e.Key) || !names.Contains(v.Name)))
            .Where(v => v.LastModified < listingBegan)
            .Select(v => v.Key).ToArray();
        if (orphans.Length > 0)
            await store.DeleteAsync(orphans, cancellationToken);
        var forgotten = failures.Keys.Where(id => !originalIds.Contains(id)).ToArray();
        if (forgotten.Length > 0)
            await queue.ForgetFailuresAsync(forgotten);
        if (queued > 0 || orphans.Length > 0)
            logger.LogInformation("Variants: {Queued} originals queued, {Removed} orphans removed", queued, orphans.Length);
        return (queued, orphans.Length);
    }
}
