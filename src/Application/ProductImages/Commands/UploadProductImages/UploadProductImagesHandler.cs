using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.Products;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

public sealed class UploadProductImagesHandler(
    ICatalogDbContext db,
    IImageStorage storage,
    IOptions<ImageUploadOptions> options,
    ILogger<UploadProductImagesHandler> logger) : ICommandHandler<UploadProductImagesCommand, UploadProductImagesResult>
{
    public async ValueTask<UploadProductImagesResult> Handle(UploadProductImagesCommand command, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(command.ProductId, cancellationToken);

        // Decide for the whole upload before writing anything: one bad file and nothing lands.
        var plan = await ImageUploadPlan.DecideAsync(storage, command.ProductId, command.Files, command.Overwrite, options.Value, cancellationToken);
        ThrowIfRefused(command, plan);
        var files = plan.Select((check, i) => new PlannedFile(check.Name!, check.ContentType!, command.Files[i], Writes(check, command))).ToList();
        var toUpload = files.Where(f => f.Write).ToList();
        var skipped = files.Where(f => !f.Write).Select(f => f.Name).ToList();

        if (command.Resumable)
            await UploadInOrderAsync(command, files, cancellationToken);
        else
            await UploadAllOrNoneAsync(command, toUpload, cancellationToken);

        // Every write through the port has refreshed the product's images in every instance already.
        var uploadedNames = toUpload.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var current = await storage.GetImagesAsync(command.ProductId, cancellationToken);
        var uploaded = current.Images.Where(i => uploadedNames.Contains(i.Filename)).Select(ImageResponse.From).ToArray();
        return new UploadProductImagesResult(uploaded, skipped);
    }

    /// <summary>The first refusal, as the exception its host maps: names (the validator has refused them already), then content, then the store.</summary>
    private static void ThrowIfRefused(UploadProductImagesCommand command, IReadOnlyList<ImageUploadCheck> plan)
    {
        var badNames = plan.Where(c => c.Verdict is ImageUploadVerdict.InvalidName or ImageUploadVerdict.DuplicateName).ToList();
        if (badNames.Count > 0)
            throw new ValidationException(badNames.Select(c => new ValidationFailure("files", c.Reason)));
        if (plan.FirstOrDefault(c => c.Verdict is ImageUploadVerdict.TooLarge or ImageUploadVerdict.NotAnImage or ImageUploadVerdict.TooManyPixels) is { } rejected)
            throw new ImageRejectedException(
                rejected.Verdict switch
                {
                    ImageUploadVerdict.TooLarge => ImageRejection.TooLarge,
                    ImageUploadVerdict.TooManyPixels => ImageRejection.TooManyPixels,
                    _ => ImageRejection.NotAnImage,
                },
                rejected.Name!, rejected.Reason!);
        if (plan.FirstOrDefault(c => c.Verdict == ImageUploadVerdict.Exists || (c.Verdict == ImageUploadVerdict.Identical && !command.Resumable && !command.Overwrite)) is { } taken)
            throw new ConflictException($"Product {command.ProductId} has an image '{taken.Name}' already; send overwrite=true to replace it.");
    }

    /// <summary>New and replaced files are written; an identical one too when overwrite was asked of an upload that is not resumable.</summary>
    private static bool Writes(ImageUploadCheck check, UploadProductImagesCommand command) =>
        check.WouldWrite || (check.Verdict == ImageUploadVerdict.Identical && !command.Resumable);

    /// <summary>File by file, each reported once it is stored or skipped; what is stored stays when a later file fails.</summary>
    private async Task UploadInOrderAsync(UploadProductImagesCommand command, List<PlannedFile> files, CancellationToken cancellationToken)
    {
        var written = 0;
        try
        {
            foreach (var file in files)
            {
                if (file.Write)
                {
                    await using var content = file.Upload.OpenRead();
                    await storage.UploadAsync(command.ProductId, file.Name, content, file.ContentType, cancellationToken);
                    written++;
                }

                command.OnStored?.Invoke(new StoredImageUpload(file.Name, Skipped: !file.Write));
            }
        }
        catch (Exception exception) when (written > 0)
        {
            // What landed before the failure stays; each write has refreshed every instance's images already.
            logger.LogWarning(exception, "Resumable upload to product {ProductId} stopped after {Written} written files", command.ProductId, written);
            throw;
        }
    }

    private async Task UploadAllOrNoneAsync(UploadProductImagesCommand command, List<PlannedFile> files, CancellationToken cancellationToken)
    {
        var productId = command.ProductId;
        var written = new List<string>(files.Count);
        try
        {
            foreach (var file in files)
            {
                await using var content = file.Upload.OpenRead();
                await storage.UploadAsync(productId, file.Name, content, file.ContentType, cancellationToken);
                written.Add(file.Name);
            }

            foreach (var file in files)
                command.OnStored?.Invoke(new StoredImageUpload(file.Name, Skipped: false));
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

    private sealed record PlannedFile(string Name, string ContentType, ImageUpload Upload, bool Write);
}
