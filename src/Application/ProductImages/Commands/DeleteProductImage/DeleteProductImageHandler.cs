using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Common.Validation;
using CleanShop.Domain.Images;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.DeleteProductImage;

public sealed class DeleteProductImageHandler(IImageStorage images)
    : ICommandHandler<DeleteProductImageCommand>
{
    public async ValueTask<Unit> Handle(DeleteProductImageCommand command, CancellationToken cancellationToken)
    {
        // A name no stored image can have is answered without asking S3 (which refuses a key over 1,024 bytes).
        // Then the exact name: every image the API lists can be deleted, even one stored by another tool under a
        // name the API would not accept today (untrimmed, not NFC, a format character); then its normalised form.
        var exact = command.Filename;
        var name = !ImageFileName.CanBeStored(exact) ? null
            : await images.FindAsync(command.ProductId, exact, cancellationToken) is not null ? exact
            : ImageFileName.Normalize(exact, out _) is { } normalized && normalized != exact
                && await images.FindAsync(command.ProductId, normalized, cancellationToken) is not null ? normalized
            : null;
        if (name is null)
            throw new NotFoundException($"Product {command.ProductId} has no image '{ClientText.Printable(exact)}'.");

        await images.DeleteAsync(command.ProductId, name, cancellationToken);
        return Unit.Value;
    }
}
