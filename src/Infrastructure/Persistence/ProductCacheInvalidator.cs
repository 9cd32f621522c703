using System.Data.Common;
using System.Runtime.CompilerServices;
using CleanShop.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;

namespace CleanShop.Infrastructure.Persistence;

/// <summary>
/// Invalidation as a mechanism, not a convention: every product added, changed or deleted through the catalog's
/// DbContext is dropped from the product cache, with every list, in every process, once the change is saved. A write
/// handler has nothing to remember; one that saves through <c>ICatalogDbContext</c> is covered. A bulk
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> (or raw SQL) names no entities: after one, every product is dropped.
/// The cache's backplane tells the other instances.
/// </summary>
internal sealed class ProductCacheInvalidator(HybridCache cache) : SaveChangesInterceptor, IDbCommandInterceptor
{
    // One interceptor serves every pooled context: what each is saving is kept beside it until the save ends.
    private readonly ConditionalWeakTable<DbContext, List<Product>> _saving = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await InvalidateAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        InvalidateAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    private void Remember(DbContext? context)
    {
        if (context is null)
            return;
        var changed = context.ChangeTracker.Entries<Product>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity)
            .ToList();
        if (changed.Count > 0)
            _saving.AddOrUpdate(context, changed);
    }

    private async Task InvalidateAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !_saving.TryGetValue(context, out var changed))
            return;
        _saving.Remove(context);
        // Ids are known now, an added product's too. Someone may have asked for a new id before it existed: it is dropped as well.
        foreach (var product in changed)
            await cache.RemoveAsync(CatalogReads.ProductKey(product.Id), cancellationToken);
        await cache.RemoveByTagAsync(CatalogReads.ListTag, cancellationToken);
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (IsBulkWrite(eventData))
            await DropEveryProductAsync(cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (IsBulkWrite(eventData))
            DropEveryProductAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private static bool IsBulkWrite(CommandExecutedEventData eventData) =>
        eventData.CommandSource is CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete or CommandSource.ExecuteSqlRaw;

    private async Task DropEveryProductAsync(CancellationToken cancellationToken)
    {
        await cache.RemoveByTagAsync(CatalogReads.ProductTag, cancellationToken);
        await cache.RemoveByTagAsync(CatalogReads.ListTag, cancellationToken);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _saving.Remove(context);
    }
}
