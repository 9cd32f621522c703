using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Images;
using CleanShop.Domain.Images;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.DeleteProductImage;

public sealed class DeleteProductImageHandler(IImageStorage storage, IProductImages images)
    : ICommandHandler<DeleteProductImageCommand>
{
    public async ValueTask<Unit> Handle(DeleteProductImageCommand command, CancellationToken cancellationToken)
    {
        var name = ImageFileName.Normalize(command.Filename, out _)
            ?? throw new NotFoundException($"Product {command.ProductId} has no image '{command.Filename}'.");
        if (await storage.FindAsync(command.ProductId, name, cancellationToken) is null)
            throw new NotFoundException($"Product {command.ProductId} has no image '{name}'.");

        await storage.DeleteAsync(command.ProductId, name, cancellationToken);
        await images.InvalidateAsync(command.ProductId, cancellationToken);
        return Unit.Value;
    }
}
