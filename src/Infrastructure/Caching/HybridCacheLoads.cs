using System.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;

namespace CleanShop.Infrastructure.Caching;

/// <summary>How this service asks HybridCache to load an entry.</summary>
internal static class HybridCacheLoads
{
    /// <summary>
    /// <see cref="HybridCache.GetOrCreateAsync{TState, T}"/>, with the load traced under the caller. HybridCache runs a
    /// load on a work item of its own, without the caller's execution context, so its PostgreSQL or S3 calls would start
    /// traces of their own; the caller's activity goes along instead (the first caller's, when several wait for one load).
    /// </summary>
    public static ValueTask<T> GetOrLoadInCallerTraceAsync<TState, T>(
        this HybridCache cache, string key, TState state, Func<TState, CancellationToken, ValueTask<T>> load,
        HybridCacheEntryOptions? options, IEnumerable<string>? tags, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(key, (state, load, caller: Activity.Current), static async (call, ct) =>
        {
            Activity.Current = call.caller; // this async method's own context: restored when it returns
            return await call.load(call.state, ct);
        }, options, tags, cancellationToken);
}
