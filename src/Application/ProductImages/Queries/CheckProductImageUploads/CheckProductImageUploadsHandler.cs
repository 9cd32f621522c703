using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.Products;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanShop.Application.ProductImages.Queries.CheckProductImageUploads;

public sealed class CheckProductImageUploadsHandler(
    ICatalogDbContext db,
    IImageStorage storage,
    IOptions<ImageUploadOptions> options) : IQueryHandler<CheckProductImageUploadsQuery, IReadOnlyList<ImageUploadCheck>>
{
    public async ValueTask<IReadOnlyList<ImageUploadCheck>> Handle(CheckProductImageUploadsQuery query, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(query.ProductId, cancellationToken);
        return await ImageUploadPlan.DecideAsync(storage, query.ProductId, query.Files, query.Overwrite, options.Value, cancellationToken);
    }
}
