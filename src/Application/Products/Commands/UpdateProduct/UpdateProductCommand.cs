using Mediator;

namespace CleanShop.Application.Products.Commands.UpdateProduct;

/// <summary>Replaces every field of a product (HTTP PUT).</summary>
public sealed record UpdateProductCommand(
    int Id,
    string Name,
    string? Description,
    decimal Price,
    string Category,
    bool IsFeatured = false,
    bool IsAvailable = true) : ICommand<ProductResponse>, IProductFields;
