using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.InvalidateAllImageCaches;

public sealed class InvalidateAllImageCachesHandler(IImageStorage images)
    : ICommandHandler<InvalidateAllImageCachesCommand>
{
    public async ValueTask<Unit> Handle(InvalidateAllImageCachesCommand command, CancellationToken cancellationToken)
    {
        // Clearing is the whole point here: if other instances could not be told, say so rather than report success.
        if (!await images.InvalidateAllAsync(cancellationToken))
            throw new DependencyUnavailableException("The shared cache (Redis)");
        return Unit.Value;
    }
}
