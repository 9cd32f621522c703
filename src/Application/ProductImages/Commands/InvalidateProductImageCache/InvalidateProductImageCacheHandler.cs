using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.InvalidateProductImageCache;

public sealed class InvalidateProductImageCacheHandler(IImageStorage images)
    : ICommandHandler<InvalidateProductImageCacheCommand>
{
    public async ValueTask<Unit> Handle(InvalidateProductImageCacheCommand command, CancellationToken cancellationToken)
    {
        // Clearing is the whole point here: if other instances could not be told, say so rather than report success.
        if (!await images.InvalidateAsync(command.ProductId, cancellationToken))
            throw new DependencyUnavailableException("The shared cache (Redis)");
        return Unit.Value;
    }
}
