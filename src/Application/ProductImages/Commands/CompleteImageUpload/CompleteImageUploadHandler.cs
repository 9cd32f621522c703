using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Hashing;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Common.Validation;
using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.Products;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanShop.Application.ProductImages.Commands.CompleteImageUpload;

public sealed class CompleteImageUploadHandler(
    ICatalogDbContext db, IImageStorage storage, IImageUploadStaging staging, IOptions<ImageUploadOptions> options)
    : ICommandHandler<CompleteImageUploadCommand, ImageResponse>
{
    public async ValueTask<ImageResponse> Handle(CompleteImageUploadCommand command, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(command.ProductId, cancellationToken);
        // Upload ids are issued as 32 lowercase hex digits: any other names no upload, and S3 is not asked.
        var staged = IsUploadId(command.UploadId) ? await staging.FindAsync(command.UploadId, cancellationToken) : null;
        if (staged is null || staged.ProductId != command.ProductId)
        {
            throw new NotFoundException($"Product {command.ProductId} has no posted upload '{ClientText.Printable(command.UploadId)}': " +
                "it was completed already, never posted, or removed once its staged lifetime passed.");
        }

        var limits = options.Value;
        // Bytes over the limit are not even fetched: the plan refuses them by their length.
        using var file = staged.Length <= limits.MaxFileBytes ? await staging.DownloadAsync(staged.UploadId, cancellationToken) : null;
        var upload = new ImageUpload(staged.Filename, file?.Length ?? staged.Length, file is null ? null : file.OpenRead, staged.Sha256);
        var plan = await ImageUploadPlan.DecideAsync(storage, new UploadProductImagesCommand(command.ProductId, [upload], staged.Overwrite), limits, cancellationToken);
        var check = plan[0];
        if (check.IsRefused)
        {
            await staging.DeleteAsync(staged.UploadId, cancellationToken);
            throw new ImageUploadRefusedException(plan);
        }

        if (check.WouldWrite)
        {
            string sha256;
            if (check.Sha256 is { } known)
                sha256 = known;
            else
            {
                await using var content = file!.OpenRead();
                sha256 = await ContentSha256.ComputeAsync(content, cancellationToken);
            }

            await storage.AdoptStagedAsync(staged.UploadId, command.ProductId, check.Name!, check.ContentType!, sha256, cancellationToken);
        }

        await staging.DeleteAsync(staged.UploadId, cancellationToken);

        // The copy refreshed the product's images in every instance already.
        var current = await storage.GetImagesAsync(command.ProductId, cancellationToken);
        return current.Images.Where(i => i.Filename == check.Name).Select(ImageResponse.From).FirstOrDefault()
            ?? throw new ConflictException($"'{check.Name}' of product {command.ProductId} was deleted while its upload was completed.");
    }

    private static bool IsUploadId(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);
}
