using CleanShop.Application.Images;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.InvalidateAllImageCaches;

public sealed class InvalidateAllImageCachesHandler(IProductImages images)
    : ICommandHandler<InvalidateAllImageCachesCommand>
{
    public async ValueTask<Unit> Handle(InvalidateAllImageCachesCommand command, CancellationToken cancellationToken)
    {
        await images.InvalidateAllAsync(cancellationToken);
        return Unit.Value;
    }
}
