using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Images;
using CleanShop.Application.Products;
using CleanShop.Domain.Images;
using CleanShop.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;
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
        if (!await db.Products.AnyAsync(p => p.Id == command.ProductId, cancellationToken))
            throw new NotFoundException(nameof(Product), command.ProductId);

        // Check the whole upload before writing anything: one bad file and nothing lands.
        var checkedFiles = new List<CheckedFile>(command.Files.Count);
        foreach (var file in command.Files)
            checkedFiles.Add(await CheckAsync(file, cancellationToken));

        var toUpload = new List<CheckedFile>();
        var skipped = new List<string>();
        foreach (var file in checkedFiles)
        {
            var existing = await storage.FindAsync(command.ProductId, file.Name, cancellationToken);
            if (existing is null || command.Overwrite)
                toUpload.Add(file);
            else if (command.SkipIdentical && existing.Size == file.Upload.Length && await file.HasSameBytesAsync(existing, cancellationToken))
                skipped.Add(file.Name);
            else
                throw new ConflictException($"Product {command.ProductId} has an image '{file.Name}' already; send overwrite=true to replace it.");
        }

        await UploadAllOrNoneAsync(command.ProductId, toUpload, cancellationToken);
        await images.InvalidateAsync(command.ProductId, cancellationToken);

        var uploadedNames = toUpload.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var current = await images.GetAsync(command.ProductId, cancellationToken);
        var uploaded = current.Where(i => uploadedNames.Contains(i.Filename)).Select(ImageResponse.From).ToArray();
        return new UploadProductImageResult(uploaded, skipped);
    }

    private async Task<CheckedFile> CheckAsync(ImageUpload file, CancellationToken cancellationToken)
    {
        var name = ImageFileName.Normalize(file.FileName, out _)!; // the validator has refused bad names
        if (file.Length > options.Value.MaxFileBytes)
            throw new ImageRejectedException(ImageRejection.TooLarge, name, $"'{name}' is {file.Length} bytes; the limit is {options.Value.MaxFileBytes}.");
        if (file.Length == 0)
            throw new ImageRejectedException(ImageRejection.NotAnImage, name, $"'{name}' is empty.");

        var header = new byte[ImageFormat.SignatureLength];
        int read;
        await using (var stream = file.OpenRead())
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);

        var format = ImageFormat.Detect(header.AsSpan(0, read))
            ?? throw new ImageRejectedException(ImageRejection.NotAnImage, name,
                $"'{name}' is not a JPEG, PNG, GIF or WebP image (judged by its content, not its name).");
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

    private sealed record CheckedFile(string Name, ImageFormat Format, ImageUpload Upload)
    {
        /// <summary>S3's ETag of a single-part upload is the MD5 of its bytes.</summary>
        public async Task<bool> HasSameBytesAsync(StoredImage existing, CancellationToken cancellationToken)
        {
            if (existing.ETag is null)
                return false;
            await using var stream = Upload.OpenRead();
#pragma warning disable CA5351 // MD5 here identifies content (S3's ETag), it protects nothing.
            var md5 = await System.Security.Cryptography.MD5.HashDataAsync(stream, cancellationToken);
#pragma warning restore CA5351
            return string.Equals(existing.ETag.Trim('"'), Convert.ToHexStringLower(md5), StringComparison.OrdinalIgnoreCase);
        }
    }
}
