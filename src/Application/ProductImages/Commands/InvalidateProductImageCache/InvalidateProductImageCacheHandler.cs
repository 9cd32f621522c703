using CleanShop.Application.Images;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.InvalidateProductImageCache;

public sealed class InvalidateProductImageCacheHandler(IProductImages images)
    : ICommandHandler<InvalidateProductImageCacheCommand>
{
    public async ValueTask<Unit> Handle(InvalidateProductImageCacheCommand command, CancellationToken cancellationToken)
    {
        await images.InvalidateAsync(command.ProductId, cancellationToken);
        return Unit.Value;
    }
}
