using System.Text;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Variants;

/// <summary>
/// The variants' side of every write to the originals, and of every sweep: an original stored is queued (its answer
/// does not wait), a deleted one takes its variants along, and the sweep queues what lacks current variants and removes
/// orphans. Variants are derived: a step that fails here is logged and left to the next sweep, never failing the write.
/// </summary>
internal sealed class ImageVariants(
    VariantQueue queue, S3VariantStore store, VariantFactsCache facts, IOptions<ImageVariantOptions> options, IOptions<Images.ImageOptions> images,
    ILogger<ImageVariants> logger)
{
    public bool Enabled => options.Value.Enabled;

    public async Task OriginalStoredAsync(int productId, string filename)
    {
        if (Enabled)
            await queue.EnqueueAsync([new VariantJob(productId, filename)]);
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

    /// <summary>Every variant in the bucket (the sweep's listing); none when variants are off.</summary>
    public async Task<ILookup<int, StoredVariant>> ListAllAsync(CancellationToken cancellationToken)
    {
        var all = new List<StoredVariant>();
        if (Enabled)
        {
            await foreach (var variant in store.ListAsync(VariantKey.Prefix, cancellationToken))
                all.Add(variant);
        }

        return all.ToLookup(v => v.ProductId);
    }

    /// <summary>
    /// The product's variants made from what each original is now (the ETag their metadata names), signed, with a
    /// fingerprint of them. <paramref name="listed"/>: the sweep's listing; none: the product's variants are listed
    /// now. When they cannot be read, none: the originals are served without, and the next sweep adds them.
    /// </summary>
    public async Task<CurrentVariants> CurrentAsync(int productId, IReadOnlyList<StoredImage> originals, IEnumerable<StoredVariant>? listed, CancellationToken cancellationToken)
    {
        if (!Enabled || originals.Count == 0)
            return CurrentVariants.None;
        try
        {
            if (listed is null)
            {
                var product = new List<StoredVariant>();
                await foreach (var variant in store.ListAsync(VariantKey.OfProduct(productId), cancellationToken))
                    product.Add(variant);
                listed = product;
            }

            var byOriginal = listed.ToLookup(v => v.Filename, StringComparer.Ordinal);
            var signed = new Dictionary<string, IReadOnlyList<ProductImageVariant>>(StringComparer.Ordinal);
            var fingerprint = new StringBuilder();
            foreach (var original in originals)
            {
                var made = new List<ProductImageVariant>();
                foreach (var name in options.Value.Variants.Keys)
                {
                    if (byOriginal[original.Filename].FirstOrDefault(v => v.Name == name) is not { } variant
                        || await facts.GetAsync(variant, cancellationToken) is not { } known || known.OriginalETag != original.ETag)
                        continue; // not made yet, or made from what the original was before
                    made.Add(store.Sign(variant, known, images.Value.UrlLifetime));
                    fingerprint.Append(variant.Key).Append('\n').Append(variant.ETag).Append('\n');
                }

                if (made.Count > 0)
                    signed[original.Filename] = made;
            }

            return new CurrentVariants(signed, fingerprint.ToString());
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            logger.LogWarning("Variants of product {ProductId} could not be read ({Reason}); its images are served without them", productId, exception.Message);
            return CurrentVariants.Unread;
        }
    }

    /// <summary>
    /// After a sweep listed <paramref name="originals"/>: queues each that lacks a variant made from what it is now (by
    /// ETag, from <paramref name="current"/>; unless it failed as it is), and deletes variants whose original or name is
    /// gone. A variant newer than the listing's start may belong to an original listed too early to be seen: it is left
    /// for the next sweep.
    /// </summary>
    public async Task<(int Queued, int Removed)> SweepAsync(
        IReadOnlyList<(int ProductId, StoredImage Image)> originals, ILookup<int, StoredVariant> listed,
        IReadOnlyDictionary<int, CurrentVariants> current, DateTimeOffset listingBegan, CancellationToken cancellationToken)
    {
        if (!Enabled)
            return (0, 0);
        var variants = new Dictionary<string, List<StoredVariant>>(StringComparer.Ordinal);
        foreach (var variant in listed.SelectMany(p => p))
        {
            var id = new VariantJob(variant.ProductId, variant.Filename).Id;
            if (!variants.TryGetValue(id, out var list))
                variants[id] = list = [];
            list.Add(variant);
        }

        var names = options.Value.Variants.Keys;
        var failures = await queue.FailuresAsync();
        var wanted = new List<VariantJob>();
        var originalIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (productId, image) in originals)
        {
            var job = new VariantJob(productId, image.Filename);
            originalIds.Add(job.Id);
            if (current.GetValueOrDefault(productId) is not { } made || ReferenceEquals(made, CurrentVariants.Unread))
                continue; // what is current could not be read: the next sweep looks again
            if (made.ByOriginal.GetValueOrDefault(image.Filename) is { } signed && names.All(name => signed.Any(v => v.Name == name)))
                continue;
            if (failures.GetValueOrDefault(job.Id) is { } failedAs && failedAs == image.ETag)
                continue; // a corrupt original is not tried again until it changes
            wanted.Add(job);
        }

        var queued = wanted.Count;
        await queue.EnqueueAsync(wanted);

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

/// <summary>A product's current variants, signed, by original; and a fingerprint of them, part of the image set's.</summary>
internal sealed record CurrentVariants(IReadOnlyDictionary<string, IReadOnlyList<ProductImageVariant>> ByOriginal, string Fingerprint)
{
    public static readonly CurrentVariants None = new(new Dictionary<string, IReadOnlyList<ProductImageVariant>>(), "");

    /// <summary>None either, because they could not be read: served without, and not taken as missing.</summary>
    public static readonly CurrentVariants Unread = new(new Dictionary<string, IReadOnlyList<ProductImageVariant>>(), "");
}
