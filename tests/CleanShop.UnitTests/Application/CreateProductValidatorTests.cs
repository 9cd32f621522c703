using CleanShop.Application.Products.Commands.CreateProduct;
using CleanShop.Domain.Products;

namespace CleanShop.UnitTests.Application;

public sealed class CreateProductValidatorTests
{
    private readonly CreateProductValidator _validator = new();

    private static readonly CreateProductCommand Valid = new("Pip the Penguin", "A round little penguin.", 25.00m, "ANIMAL");

    [Fact]
    public void Accepts_a_valid_product()
    {
        Assert.True(_validator.Validate(Valid).IsValid);
    }

    [Fact]
    public void Accepts_a_product_without_description()
    {
        Assert.True(_validator.Validate(Valid with { Description = null }).IsValid);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("25.005")]
    [InlineData("100000000.00")]
    public void Refuses_a_price_that_is_not_positive_has_three_decimals_or_exceeds_the_maximum(string price)
    {
        var command = Valid with { Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) };

        var result = _validator.Validate(command);

        Assert.Equal(nameof(CreateProductCommand.Price), Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void Accepts_a_price_whose_third_decimal_is_a_trailing_zero()
    {
        Assert.True(_validator.Validate(Valid with { Price = 25.500m }).IsValid);
    }

    [Fact]
    public void Refuses_a_name_over_200_characters()
    {
        var result = _validator.Validate(Valid with { Name = new string('a', Product.NameMaxLength + 1) });

        Assert.Equal(nameof(CreateProductCommand.Name), Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void Refuses_an_empty_name()
    {
        var result = _validator.Validate(Valid with { Name = "" });

        Assert.Equal(nameof(CreateProductCommand.Name), Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void Refuses_a_description_over_5000_characters()
    {
        var result = _validator.Validate(Valid with { Description = new string('d', Product.DescriptionMaxLength + 1) });

        Assert.Equal(nameof(CreateProductCommand.Description), Assert.Single(result.Errors).PropertyName);
    }

    [Theory]
    [InlineData("TOYS")]
    [InlineData("3")]
    [InlineData("")]
    public void Refuses_an_unknown_category(string category)
    {
        var result = _validator.Validate(Valid with { Category = category });

        Assert.Equal(nameof(CreateProductCommand.Category), Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void Reports_every_broken_field_at_once()
    {
        var result = _validator.Validate(new CreateProductCommand("", null, -1m, "TOYS"));

        Assert.Equal(
            [nameof(CreateProductCommand.Category), nameof(CreateProductCommand.Name), nameof(CreateProductCommand.Price)],
            result.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
    }
}
