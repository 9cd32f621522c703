using CleanShop.Domain.Products;

namespace CleanShop.Infrastructure.Persistence;

/// <summary>The products the local stack starts with.</summary>
internal static class SampleProducts
{
    public const int Count = 6;

    public static IEnumerable<Product> Create(DateTimeOffset now) =>
    [
        Product.Create("Pip the Penguin", "A round little penguin in soft cotton yarn, 12 cm tall.", 25.00m, Category.Animal, isFeatured: true, isAvailable: true, now),
        Product.Create("Olive the Octopus", "Eight curly legs, safety eyes, made for cuddles.", 29.50m, Category.Animal, isFeatured: false, isAvailable: true, now),
        Product.Create("Luna the Doll", "A 30 cm doll with a removable dress and yarn hair.", 64.00m, Category.Doll, isFeatured: true, isAvailable: true, now),
        Product.Create("Spike the Cactus", "A potted cactus that never needs water.", 18.75m, Category.Plant, isFeatured: false, isAvailable: true, now),
        Product.Create("Berry Cupcake", "A strawberry cupcake with a cherry on top.", 12.00m, Category.Food, isFeatured: false, isAvailable: false, now),
        Product.Create("Ember the Dragon", "A small green dragon with felt wings.", 42.00m, Category.Fantasy, isFeatured: true, isAvailable: true, now),
    ];
}
