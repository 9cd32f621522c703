using System.ComponentModel;
using CleanShop.Domain.Products;

namespace CleanShop.Application.Products;

/// <summary>
/// A product's fields as read, detached from the database: what the product cache keeps. Immutable (and
/// marked so) so that the cache hands out one instance on every hit instead of a defensive copy.
/// </summary>
[ImmutableObject(true)]
public sealed record ProductSnapshot(
    int Id,
    string Name,
    string Description,
    decimal Price,
    Category Category,
    bool IsFeatured,
    bool IsAvailable,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProductSnapshot From(Product product) => new(
        product.Id, product.Name, product.Description, product.Price, product.Category,
        product.IsFeatured, product.IsAvailable, product.CreatedAt, product.UpdatedAt);
}
