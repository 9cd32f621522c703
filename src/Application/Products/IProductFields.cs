
namespace CleanShop.Application.Products;

/// <summary>The fields a client sends to create or replace a product.</summary>
public interface IProductFields
{
    string Name { get; }
    string? Description { get; }
    decimal Price { get; }
    string Category { get; }
}
