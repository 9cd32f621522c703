using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Images;
using CleanShop.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.ProductImages.Queries.GetStoredProductImages;

public sealed class GetStoredProductImagesHandler(ICatalogDbContext db, IImageStorage storage)
    : IQueryHandler<GetStoredProductImagesQuery, IReadOnlyList<StoredImage>>
{
    // A product has a handful of images; a few requests at once keep a long list quick without flooding the store.
    private const int ConcurrentLookups = 8;

    public async ValueTask<IReadOnlyList<StoredImage>> Handle(GetStoredProductImagesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Products.AnyAsync(p => p.Id == query.ProductId, cancellationToken))
            throw new NotFoundException(nameof(Product), query.ProductId);

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
