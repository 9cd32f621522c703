using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Images;
using CleanShop.Application.Products;
using CleanShop.Application.ProductImages.Commands.UploadProductImage;
using CleanShop.Domain.Images;
using CleanShop.Domain.Products;
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

        var checks = new List<ImageUploadCheck>(query.Files.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in query.Files)
            checks.Add(await CheckAsync(query, file, names, cancellationToken));
        return checks;
    }

    private async Task<ImageUploadCheck> CheckAsync(
        CheckProductImageUploadsQuery query, ImageUpload file, HashSet<string> names, CancellationToken cancellationToken)
    {
        if (ImageFileName.Normalize(file.FileName, out var error) is not { } name)
            return new(file.FileName, null, ImageUploadVerdict.InvalidName, null, $"'{file.FileName}': {error}");
        if (!names.Add(name))
            return new(file.FileName, name, ImageUploadVerdict.DuplicateName, null, $"'{name}' is named twice in one upload.");

        ImageFormat format;
        try
        {
            format = await ImageUploadRules.CheckContentAsync(name, file.Length, file.OpenRead, options.Value.MaxFileBytes, options.Value.MaxPixels, cancellationToken);
        }
        catch (ImageRejectedException rejected)
        {
            var verdict = rejected.Reason == ImageRejection.TooLarge ? ImageUploadVerdict.TooLarge : ImageUploadVerdict.NotAnImage;
            return new(file.FileName, name, verdict, null, rejected.Message);
        }

        var existing = await storage.FindAsync(query.ProductId, name, cancellationToken);
        if (existing is null)
            return new(file.FileName, name, ImageUploadVerdict.New, format.ContentType, null);
        if (await ImageUploadRules.HasSameBytesAsync(file.Length, file.OpenRead, existing, cancellationToken))
            return new(file.FileName, name, ImageUploadVerdict.Identical, format.ContentType, $"'{name}' is stored already with the same bytes.");
        return query.Overwrite
            ? new(file.FileName, name, ImageUploadVerdict.Replaces, format.ContentType, null)
            : new(file.FileName, name, ImageUploadVerdict.Exists, format.ContentType, $"Product {query.ProductId} has an image '{name}' already, with other bytes.");
    }
}
