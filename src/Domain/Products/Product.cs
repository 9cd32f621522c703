using CleanShop.Domain.Common;

namespace CleanShop.Domain.Products;

/// <summary>A product of the catalog. Its images are not part of it: they live in object storage.</summary>
public sealed class Product
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 5000;

    /// <summary>numeric(10,2): the largest price the catalog can hold.</summary>
    public const decimal MaxPrice = 99_999_999.99m;

    // For EF Core's materialisation only.
    private Product()
    {
        Name = string.Empty;
        Description = string.Empty;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string Description { get; private set; }
    public decimal Price { get; private set; }
    public Category Category { get; private set; }
    public bool IsFeatured { get; private set; }
    public bool IsAvailable { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Product Create(
        string name, string description, decimal price, Category category,
        bool isFeatured, bool isAvailable, DateTimeOffset now)
    {
        var product = new Product { CreatedAt = now.ToUniversalTime() };
        product.Update(name, description, price, category, isFeatured, isAvailable, now);
        return product;
    }

    public void Update(
        string name, string description, decimal price, Category category,
        bool isFeatured, bool isAvailable, DateTimeOffset now)
    {
        // Check every field before changing any: a refused update leaves the product as it was.
        var checkedName = CheckName(name);
        var checkedDescription = CheckDescription(description);
        var checkedPrice = CheckPrice(price);
        if (!Enum.IsDefined(category))
            throw new DomainException(nameof(Category), $"'{category}' is not a category.");

        Name = checkedName;
        Description = checkedDescription;
        Price = checkedPrice;
        Category = category;
        IsFeatured = isFeatured;
        IsAvailable = isAvailable;
        UpdatedAt = now.ToUniversalTime();
    }

    private static string CheckName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException(nameof(Name), "A product needs a name.");
        if (trimmed.Length > NameMaxLength)
            throw new DomainException(nameof(Name), $"A product name has at most {NameMaxLength} characters.");
        return trimmed;
    }

    private static string CheckDescription(string description)
    {
        description ??= string.Empty;
        return description.Length <= DescriptionMaxLength
            ? description
            : throw new DomainException(nameof(Description), $"A description has at most {DescriptionMaxLength} characters.");
    }

    private static decimal CheckPrice(decimal price)
    {
        if (price <= 0)
            throw new DomainException(nameof(Price), "A price must be greater than zero.");
        if (price > MaxPrice)
            throw new DomainException(nameof(Price), $"A price is at most {MaxPrice}.");
        // Prices are in the shop currency's smallest unit: cents. 25.005 is not a price.
        if (decimal.Round(price, 2) != price)
            throw new DomainException(nameof(Price), "A price has at most two decimals.");
        return decimal.Round(price, 2);
    }
}
