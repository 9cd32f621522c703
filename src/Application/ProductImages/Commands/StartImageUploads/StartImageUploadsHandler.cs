using CleanShop.Application.Common.Hashing;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.Products;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanShop.Application.ProductImages.Commands.StartImageUploads;

public sealed class StartImageUploadsHandler(
    ICatalogDbContext db, IImageStorage storage, IImageUploadStaging staging, IOptions<ImageUploadOptions> options, TimeProvider clock)
    : ICommandHandler<StartImageUploadsCommand, StartImageUploadsResponse>
{
    public async ValueTask<StartImageUploadsResponse> Handle(StartImageUploadsCommand command, CancellationToken cancellationToken)
    {
        await db.EnsureProductExistsAsync(command.ProductId, cancellationToken);

        // The plan an API upload runs, on what is declared so far: a name refused now is never posted.
        var declared = command.Files.Select(f => new ImageUpload(f.Filename, f.Size, OpenRead: null, f.Sha256)).ToArray();
        var limits = options.Value;
        var plan = await ImageUploadPlan.DecideAsync(storage, new UploadProductImagesCommand(command.ProductId, declared, command.Overwrite), limits, cancellationToken);
        if (plan.Any(c => c.IsRefused))
            throw new ImageUploadRefusedException(plan);

        var expiresAt = clock.GetUtcNow() + limits.PolicyLifetime;
        var forms = plan.Select(check =>
        {
            var ticket = new StagedUploadTicket(Guid.NewGuid().ToString("N"), command.ProductId, check.Name!, ContentSha256.Parse(check.Sha256), command.Overwrite, limits.MaxFileBytes, expiresAt);
            var form = staging.CreateForm(ticket);
            return new ImageUploadForm(ticket.UploadId, ticket.Filename, form.Url, form.Fields, form.ExpiresAt);
        });
        return new StartImageUploadsResponse([.. forms]);
    }
}
