using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.Products.Commands.DeleteProduct;

public sealed class DeleteProductHandler(ICatalogDbContext db, IImageStorage images)
    : ICommandHandler<DeleteProductCommand>
{
    public async ValueTask<Unit> Handle(DeleteProductCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException(nameof(Product), command.Id);

        // Images first: if storage is down the product stays, whole, and the client may retry.
        // The other order would leave orphan objects under a prefix that a future product id could inherit.
        await images.DeleteAllAsync(product.Id, cancellationToken);

        db.Products.Remove(product);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
