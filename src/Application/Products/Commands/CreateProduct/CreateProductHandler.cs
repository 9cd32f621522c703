using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using Mediator;

namespace CleanShop.Application.Products.Commands.CreateProduct;

public sealed class CreateProductHandler(ICatalogDbContext db, TimeProvider clock)
    : ICommandHandler<CreateProductCommand, ProductResponse>
{
    public async ValueTask<ProductResponse> Handle(CreateProductCommand command, CancellationToken cancellationToken)
    {
        var product = Product.Create(
            command.Name, command.Description ?? string.Empty, command.Price, CategoryNames.Parse(command.Category),
            command.IsFeatured, command.IsAvailable, clock.GetUtcNow());

        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);

        // A new product has no images yet: its prefix in storage is empty.
        return ProductResponse.From(ProductSnapshot.From(product), []);
    }
}
