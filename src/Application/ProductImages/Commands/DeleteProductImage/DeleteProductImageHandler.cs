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
        // The exact name first: every image the API lists can be deleted, even one stored by another tool under a
        // name the API would not accept today (untrimmed, not NFC, a format character). A name can never leave the
        // product's prefix: the route refuses '/' and dot segments.
        var exact = command.Filename;
        var name = IsAddressable(exact) && await images.FindAsync(command.ProductId, exact, cancellationToken) is not null
            ? exact
            : ImageFileName.Normalize(exact, out _) is { } normalized && await images.FindAsync(command.ProductId, normalized, cancellationToken) is not null
                ? normalized
                : throw new NotFoundException($"Product {command.ProductId} has no image '{ClientText.Printable(exact)}'.");

        await images.DeleteAsync(command.ProductId, name, cancellationToken);
        return Unit.Value;
    }

    /// <summary>
    /// A name S3 could hold and the API could have listed. Not one with a control character: S3 answers listings in
    /// XML, which cannot carry one, so no such image is ever listed (and asking S3 about it fails to parse).
    /// </summary>
    private static bool IsAddressable(string name) =>
        name.Length > 0 && name is not ("." or "..") && !name.Contains('/') && !name.Any(char.IsControl);
}
