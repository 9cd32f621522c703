using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.Products;
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

        // Decided once for the whole upload, before anything is written: one refused file and nothing lands.
        var plan = await ImageUploadPlan.DecideAsync(storage, command, options.Value, cancellationToken);
        if (plan.Any(c => c.IsRefused))
            throw new ImageUploadRefusedException(plan);
        command.OnPlanned?.Invoke(plan);
        if (command.Mode == ImageUploadMode.DryRun)
            return new UploadProductImagesResult(plan, []);

        var files = plan.Select((check, i) => (Check: check, Upload: command.Files[i])).Where(f => f.Check.Verdict != ImageUploadVerdict.NotAnImageSkipped).ToList();
        var written = command.Mode == ImageUploadMode.SkipIdentical
            ? await UploadInOrderAsync(command, files, cancellationToken)
            : await UploadAllOrNoneAsync(command, files, cancellationToken);

        // Every write through the port has refreshed the product's images in every instance already.
        var current = await storage.GetImagesAsync(command.ProductId, cancellationToken);
        var uploaded = current.Images.Where(i => written.Contains(i.Filename)).Select(ImageResponse.From).ToArray();
        return new UploadProductImagesResult(plan, uploaded);
    }

    /// <summary>File by file, each reported once it is stored or skipped; what is stored stays when a later file fails.</summary>
    private async Task<HashSet<string>> UploadInOrderAsync(UploadProductImagesCommand command, List<(ImageUploadCheck Check, ImageUpload Upload)> files, CancellationToken cancellationToken)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var (check, upload) in files)
            {
                if (check.WouldWrite)
                {
                    await WriteAsync(command.ProductId, check, upload, cancellationToken);
                    written.Add(check.Name!);
                }

                command.OnStored?.Invoke(new StoredImageUpload(check.Name!, Skipped: !check.WouldWrite));
            }
        }
        catch (Exception exception) when (written.Count > 0)
        {
            // What landed before the failure stays; each write has refreshed every instance's images already.
            logger.LogWarning(exception, "Resumable upload to product {ProductId} stopped after {Written} written files", command.ProductId, written.Count);
            throw;
        }

        return written;
    }

    private async Task<HashSet<string>> UploadAllOrNoneAsync(UploadProductImagesCommand command, List<(ImageUploadCheck Check, ImageUpload Upload)> files, CancellationToken cancellationToken)
    {
        var productId = command.ProductId;
        var written = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var (check, upload) in files)
            {
                await WriteAsync(productId, check, upload, cancellationToken);
                written.Add(check.Name!);
            }

            foreach (var (check, _) in files)
                command.OnStored?.Invoke(new StoredImageUpload(check.Name!, Skipped: false));
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

        return written;
    }

    private async Task WriteAsync(int productId, ImageUploadCheck check, ImageUpload upload, CancellationToken cancellationToken)
    {
        await using var content = upload.OpenRead!();
        await storage.UploadAsync(productId, check.Name!, content, check.ContentType!, check.Sha256, cancellationToken);
    }
}
