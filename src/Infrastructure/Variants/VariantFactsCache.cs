using Microsoft.Extensions.Caching.Hybrid;

namespace CleanShop.Infrastructure.Variants;

/// <summary>
/// Each variant object's facts (size, original) by its key and ETag, which never change for that ETag: set by the
/// instance that made it, in every instance's reach through Redis, so that signing a product's variants lists them
/// once and asks S3 about none. A miss (Redis lost) asks S3 once per variant.
/// </summary>
internal sealed class VariantFactsCache(HybridCache cache, S3VariantStore store)
{
    private static readonly HybridCacheEntryOptions Kept = new() { Expiration = TimeSpan.FromDays(7), LocalCacheExpiration = TimeSpan.FromDays(1) };

    private static string Key(string variantKey, string etag) => $"variant-facts:{variantKey}:{etag}";

    public ValueTask<VariantFacts?> GetAsync(StoredVariant variant, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(Key(variant.Key, variant.ETag ?? ""), (store, variant.Key), static (state, ct) => new ValueTask<VariantFacts?>(state.store.FactsAsync(state.Key, ct)), Kept, cancellationToken: cancellationToken);

    public ValueTask RememberAsync(string variantKey, string etag, VariantFacts facts, CancellationToken cancellationToken) =>
        cache.SetAsync(Key(variantKey, etag), facts, Kept, cancellationToken: cancellationToken);
}
