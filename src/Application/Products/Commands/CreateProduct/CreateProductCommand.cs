using Mediator;

namespace CleanShop.Application.Products.Commands.CreateProduct;

public sealed record CreateProductCommand(
    string Name,
    string? Description,
    decimal Price,
    string Category,
    bool IsFeatured = false,
    bool IsAvailable = true) : ICommand<ProductResponse>, IProductFields;
