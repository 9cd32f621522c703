using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Images;
using CleanShop.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace CleanShop.Infrastructure.Persistence;

/// <summary>Brings the database to the latest migration and, for the local stack, loads sample data once.</summary>
internal sealed class CatalogDatabaseInitializer : ICatalogMigrator
{
    private readonly CatalogDbContext _db;
    private readonly IImageStorage _storage;
    private readonly TimeProvider _clock;
    private readonly ILogger<CatalogDatabaseInitializer> _logger;

    public CatalogDatabaseInitializer(CatalogDbContext db, IImageStorage storage, TimeProvider clock, ILogger<CatalogDatabaseInitializer> logger)
    {
        _db = db;
        _storage = storage;
        _clock = clock;
        _logger = logger;
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        // EF's migrator reads the history table before it creates it, and logs the failed query of a first run as
        // an error (ERR "Failed executing DbCommand ... __ef_migrations_history"). Creating the database and the
        // table first, with EF's own idempotent script, leaves nothing to fail. MigrateAsync is idempotent itself.
        var creator = _db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
            await creator.CreateAsync(cancellationToken);
        await _db.Database.ExecuteSqlRawAsync(_db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        var pending = (await _db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await _db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    /// <summary>
    /// Adds the sample products when the catalog is empty, and uploads each sample product's images from
    /// <paramref name="imageFolder"/> (<c>{folder}/{n}/*.png</c> for the n-th sample) when its prefix is empty.
    /// Running it again changes nothing.
    /// </summary>
    public async Task SeedSampleDataAsync(string? imageFolder, CancellationToken cancellationToken)
    {
        if (!await _db.Products.AnyAsync(cancellationToken))
        {
            var now = _clock.GetUtcNow();
            _db.Products.AddRange(SampleProducts.Create(now));
            await _db.SaveChangesAsync(cancellationToken);
            _logger.LogInformation("Loaded {Count} sample products", SampleProducts.Count);
        }

        if (imageFolder is null || !Directory.Exists(imageFolder))
            return;

        var products = await _db.Products.AsNoTracking().OrderBy(p => p.Id).Take(SampleProducts.Count).ToListAsync(cancellationToken);
        for (var i = 0; i < products.Count; i++)
        {
            var folder = Path.Combine(imageFolder, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!Directory.Exists(folder) || (await _storage.ListStoredAsync(products[i].Id, cancellationToken)).Count > 0)
                continue;
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
                var format = ImageFormat.Detect(bytes) ?? throw new InvalidOperationException($"Sample file {file} is not an image.");
                await using var content = new MemoryStream(bytes);
                await _storage.UploadAsync(products[i].Id, Path.GetFileName(file), content, format.ContentType, sha256: null, cancellationToken);
            }

            _logger.LogInformation("Uploaded sample images of product {ProductId}", products[i].Id);
        }
    }
}
