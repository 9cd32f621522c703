using CleanShop.Application.Common.Interfaces;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.MakeImageVariants;

public sealed class MakeImageVariantsHandler(IImageVariantMaker maker) : ICommandHandler<MakeImageVariantsCommand, ImageVariantOutcome>
{
    public async ValueTask<ImageVariantOutcome> Handle(MakeImageVariantsCommand command, CancellationToken cancellationToken) =>
        await maker.MakeAsync(command.ProductId, command.Filename, command.MissingOnly, cancellationToken);
}
