using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.Products.Commands.UpdateProduct;

public sealed class UpdateProductHandler(ICatalogDbContext db, IImageStorage images, TimeProvider clock)
    : ICommandHandler<UpdateProductCommand, ProductResponse>
{
    public async ValueTask<ProductResponse> Handle(UpdateProductCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException(nameof(Product), command.Id);

        product.Update(
            command.Name, command.Description ?? string.Empty, command.Price, CategoryNames.Parse(command.Category),
            command.IsFeatured, command.IsAvailable, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        var productImages = await images.GetImagesAsync(product.Id, cancellationToken);
        return ProductResponse.From(product, productImages);
    }
}
