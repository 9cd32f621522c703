using CleanShop.Domain.Common;
using CleanShop.Domain.Products;

namespace CleanShop.UnitTests.Domain;

public sealed class ProductTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddHours(3);

    private static Product NewProduct(
        string name = "Pip the Penguin", string description = "A round little penguin.", decimal price = 25.00m,
        Category category = Category.Animal, DateTimeOffset? now = null) =>
        Product.Create(name, description, price, category, isFeatured: true, isAvailable: true, now ?? Created);

    [Fact]
    public void Create_keeps_the_values_it_was_given()
    {
        var product = NewProduct();

        Assert.Equal("Pip the Penguin", product.Name);
        Assert.Equal("A round little penguin.", product.Description);
        Assert.Equal(25.00m, product.Price);
        Assert.Equal(Category.Animal, product.Category);
        Assert.True(product.IsFeatured);
        Assert.True(product.IsAvailable);
        Assert.Equal(Created, product.CreatedAt);
        Assert.Equal(Created, product.UpdatedAt);
    }

    [Fact]
    public void Create_trims_the_name()
    {
        var product = NewProduct(name: "  Pip the Penguin \t");

        Assert.Equal("Pip the Penguin", product.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Create_refuses_an_empty_or_blank_name(string name)
    {
        var error = Assert.Throws<DomainException>(() => NewProduct(name: name));

        Assert.Equal(nameof(Product.Name), error.Field);
    }

    [Fact]
    public void Create_refuses_a_name_over_200_characters()
    {
        var error = Assert.Throws<DomainException>(() => NewProduct(name: new string('a', Product.NameMaxLength + 1)));

        Assert.Equal(nameof(Product.Name), error.Field);
    }

    [Fact]
    public void Create_accepts_a_name_of_200_characters_once_trimmed()
    {
        var product = NewProduct(name: "  " + new string('a', Product.NameMaxLength) + "  ");

        Assert.Equal(Product.NameMaxLength, product.Name.Length);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-25")]
    [InlineData("25.005")]
    [InlineData("0.001")]
    [InlineData("100000000")]
    [InlineData("99999999.991")]
    public void Create_refuses_a_price_that_is_not_positive_has_three_decimals_or_exceeds_the_maximum(string price)
    {
        var error = Assert.Throws<DomainException>(() => NewProduct(price: decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(nameof(Product.Price), error.Field);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("25.5")]
    [InlineData("25.000")]
    [InlineData("99999999.99")]
    public void Create_accepts_a_positive_price_in_whole_cents_up_to_the_maximum(string price)
    {
        var value = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        var product = NewProduct(price: value);

        Assert.Equal(value, product.Price);
    }

    [Fact]
    public void Create_refuses_a_category_that_is_not_defined()
    {
        var error = Assert.Throws<DomainException>(() => NewProduct(category: (Category)99));

        Assert.Equal(nameof(Product.Category), error.Field);
    }

    [Fact]
    public void Create_refuses_a_description_over_5000_characters()
    {
        var error = Assert.Throws<DomainException>(() => NewProduct(description: new string('d', Product.DescriptionMaxLength + 1)));

        Assert.Equal(nameof(Product.Description), error.Field);
    }

    [Fact]
    public void Create_accepts_a_description_of_5000_characters()
    {
        var product = NewProduct(description: new string('d', Product.DescriptionMaxLength));

        Assert.Equal(Product.DescriptionMaxLength, product.Description.Length);
    }

    [Fact]
    public void Create_stores_its_times_in_utc()
    {
        var inParis = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));

        var product = NewProduct(now: inParis);

        Assert.Equal(TimeSpan.Zero, product.CreatedAt.Offset);
        Assert.Equal(TimeSpan.Zero, product.UpdatedAt.Offset);
        Assert.Equal(inParis.UtcDateTime, product.CreatedAt.UtcDateTime);
    }

    [Fact]
    public void Update_replaces_every_field_and_moves_UpdatedAt_but_not_CreatedAt()
    {
        var product = NewProduct();

        product.Update(" Olive the Octopus ", "Eight curly legs.", 29.50m, Category.Fantasy, isFeatured: false, isAvailable: false, Later);

        Assert.Equal("Olive the Octopus", product.Name);
        Assert.Equal("Eight curly legs.", product.Description);
        Assert.Equal(29.50m, product.Price);
        Assert.Equal(Category.Fantasy, product.Category);
        Assert.False(product.IsFeatured);
        Assert.False(product.IsAvailable);
        Assert.Equal(Created, product.CreatedAt);
        Assert.Equal(Later, product.UpdatedAt);
    }

    [Fact]
    public void Update_stores_UpdatedAt_in_utc()
    {
        var product = NewProduct();
        var inNewYork = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.FromHours(-5));

        product.Update("Pip", "", 25m, Category.Animal, isFeatured: false, isAvailable: true, inNewYork);

        Assert.Equal(TimeSpan.Zero, product.UpdatedAt.Offset);
        Assert.Equal(inNewYork.UtcDateTime, product.UpdatedAt.UtcDateTime);
    }

    public static TheoryData<string, string, decimal, Category, string> InvalidUpdates => new()
    {
        { " ", "ok", 10m, Category.Doll, nameof(Product.Name) },
        { new string('n', Product.NameMaxLength + 1), "ok", 10m, Category.Doll, nameof(Product.Name) },
        { "New name", new string('d', Product.DescriptionMaxLength + 1), 10m, Category.Doll, nameof(Product.Description) },
        { "New name", "New description", -1m, Category.Doll, nameof(Product.Price) },
        { "New name", "New description", 10.001m, Category.Doll, nameof(Product.Price) },
        { "New name", "New description", Product.MaxPrice + 0.01m, Category.Doll, nameof(Product.Price) },
        { "New name", "New description", 10m, (Category)99, nameof(Product.Category) },
    };

    [Theory]
    [MemberData(nameof(InvalidUpdates))]
    public void Update_refuses_a_broken_invariant_with_the_field_that_broke_it(
        string name, string description, decimal price, Category category, string field)
    {
        var product = NewProduct();

        var error = Assert.Throws<DomainException>(() =>
            product.Update(name, description, price, category, isFeatured: false, isAvailable: false, Later));

        Assert.Equal(field, error.Field);
    }

    public static TheoryData<string, string, decimal, Category> RefusedUpdates
    {
        get
        {
            var data = new TheoryData<string, string, decimal, Category>();
            foreach (var row in InvalidUpdates)
                data.Add((string)row[0], (string)row[1], (decimal)row[2], (Category)row[3]);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RefusedUpdates))]
    public void Update_that_is_refused_leaves_the_product_unchanged(
        string name, string description, decimal price, Category category)
    {
        var product = NewProduct();

        Assert.Throws<DomainException>(() =>
            product.Update(name, description, price, category, isFeatured: false, isAvailable: false, Later));

        Assert.Equal("Pip the Penguin", product.Name);
        Assert.Equal("A round little penguin.", product.Description);
        Assert.Equal(25.00m, product.Price);
        Assert.Equal(Category.Animal, product.Category);
        Assert.True(product.IsFeatured);
        Assert.True(product.IsAvailable);
        Assert.Equal(Created, product.UpdatedAt);
    }
}
