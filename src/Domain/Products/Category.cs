namespace CleanShop.Domain.Products;

/// <summary>What kind of amigurumi a product is. Stored and served by name (ANIMAL, DOLL, ...).</summary>
public enum Category
{
    Animal,
    Doll,
    Fantasy,
    Food,
    Plant,
    Keychain,
    Baby,
}
