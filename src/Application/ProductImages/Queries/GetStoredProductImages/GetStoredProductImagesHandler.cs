using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Images;
using CleanShop.Application.Products;
using Mediator;

namespace CleanShop.Application.ProductImages.Queries.GetStoredProductImages;

public sealed class GetStoredProductImagesHandler(ICatalogDbContext db, IImageStorage storage)
    : IQueryHandler<GetStoredProductImagesQuery, IReadOnlyList<StoredImage>>
{
    // A product has a handful of images; a few requests at once keep a long list quick without flooding the store.
    private const int ConcurrentLookups = 8;

    public async ValueTask<IReadOnlyList<StoredImage>> Handle(GetStoredProductImagesQuery query, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(query.ProductId, cancellationToken);

        // A listing carries no content type: each object's own metadata does.
        var listed = await storage.ListAsync(query.ProductId, cancellationToken);
        var described = new StoredImage?[listed.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, listed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentLookups, CancellationToken = cancellationToken },
            async (i, ct) => described[i] = await storage.FindAsync(query.ProductId, listed[i].Filename, ct));
        return described.OfType<StoredImage>().ToArray(); // one deleted since the listing is gone
    }
}
