using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Images;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.DeleteProductImage;

public sealed class DeleteProductImageHandler(IImageStorage images)
    : ICommandHandler<DeleteProductImageCommand>
{
    public async ValueTask<Unit> Handle(DeleteProductImageCommand command, CancellationToken cancellationToken)
    {
        var name = ImageFileName.Normalize(command.Filename, out _)
            ?? throw new NotFoundException($"Product {command.ProductId} has no image '{command.Filename}'.");
        if (await images.FindAsync(command.ProductId, name, cancellationToken) is null)
            throw new NotFoundException($"Product {command.ProductId} has no image '{name}'.");

        await images.DeleteAsync(command.ProductId, name, cancellationToken);
        return Unit.Value;
    }
}
