using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Images;
using CleanShop.Application.Products;
using CleanShop.Domain.Images;
using CleanShop.Domain.Products;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImage;

public sealed class UploadProductImageHandler(
    ICatalogDbContext db,
    IImageStorage storage,
    IProductImages images,
    IOptions<ImageUploadOptions> options,
    ILogger<UploadProductImageHandler> logger) : ICommandHandler<UploadProductImageCommand, UploadProductImageResult>
{
    public async ValueTask<UploadProductImageResult> Handle(UploadProductImageCommand command, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(command.ProductId, cancellationToken);

        // Check the whole upload before writing anything: one bad file and nothing lands.
        var checkedFiles = new List<CheckedFile>(command.Files.Count);
        foreach (var file in command.Files)
            checkedFiles.Add(await CheckAsync(file, cancellationToken));

        var toUpload = new List<CheckedFile>();
        var skipped = new List<string>();
        foreach (var file in checkedFiles)
        {
            var existing = await storage.FindAsync(command.ProductId, file.Name, cancellationToken);
            // Identical first: re-running an upload with overwrite must not write the same bytes again.
            if (existing is not null && command.SkipIdentical
                && await ImageUploadRules.HasSameBytesAsync(file.Upload.Length, file.Upload.OpenRead, existing, cancellationToken))
                skipped.Add(file.Name);
            else if (existing is null || command.Overwrite)
                toUpload.Add(file);
            else
                throw new ConflictException($"Product {command.ProductId} has an image '{file.Name}' already; send overwrite=true to replace it.");
        }

        await UploadAllOrNoneAsync(command.ProductId, toUpload, cancellationToken);
        if (toUpload.Count > 0) // a re-run that skipped everything changed nothing: every cache may stay warm
            await images.InvalidateAsync(command.ProductId, cancellationToken);

        var uploadedNames = toUpload.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var current = await images.GetAsync(command.ProductId, cancellationToken);
        var uploaded = current.Where(i => uploadedNames.Contains(i.Filename)).Select(ImageResponse.From).ToArray();
        return new UploadProductImageResult(uploaded, skipped);
    }

    private async Task<CheckedFile> CheckAsync(ImageUpload file, CancellationToken cancellationToken)
    {
        var name = ImageFileName.Normalize(file.FileName, out _)!; // the validator has refused bad names
        var format = await ImageUploadRules.CheckContentAsync(name, file.Length, file.OpenRead, options.Value.MaxFileBytes, options.Value.MaxPixels, cancellationToken);
        return new CheckedFile(name, format, file);
    }

    private async Task UploadAllOrNoneAsync(int productId, List<CheckedFile> files, CancellationToken cancellationToken)
    {
        var written = new List<string>(files.Count);
        try
        {
            foreach (var file in files)
            {
                await using var content = file.Upload.OpenRead();
                await storage.UploadAsync(productId, file.Name, content, file.Format.ContentType, cancellationToken);
                written.Add(file.Name);
            }
        }
        catch (Exception exception) when (written.Count > 0)
        {
            logger.LogWarning(exception, "Upload to product {ProductId} failed after {Written} of {Total} files; removing those", productId, written.Count, files.Count);
            foreach (var name in written)
            {
                try { await storage.DeleteAsync(productId, name, CancellationToken.None); }
                catch (Exception cleanup) { logger.LogError(cleanup, "Could not remove {Filename} of product {ProductId} after a failed upload", name, productId); }
            }

            throw;
        }
    }

    private sealed record CheckedFile(string Name, ImageFormat Format, ImageUpload Upload);
}
