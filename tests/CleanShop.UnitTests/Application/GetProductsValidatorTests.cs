using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products.Queries.GetProducts;

namespace CleanShop.UnitTests.Application;

public sealed class GetProductsValidatorTests
{
    private readonly GetProductsValidator _validator = new(new DefaultVariants());

    [Theory]
    [InlineData("thumb")]
    [InlineData("thumb,medium")]
    [InlineData("all")]
    public void Accepts_known_variant_names_and_all(string variants)
    {
        Assert.True(_validator.Validate(new GetProductsQuery(Variants: variants)).IsValid);
    }

    [Theory]
    [InlineData("nope", "nope")]
    [InlineData("thumb,nope", "nope")]
    [InlineData("thumb,", "")]
    [InlineData("Thumb", "Thumb")]
    public void An_unknown_variant_name_is_refused_naming_it_and_the_choices(string variants, string unknown)
    {
        var error = Assert.Single(_validator.Validate(new GetProductsQuery(Variants: variants)).Errors);

        Assert.Equal("Variants", error.PropertyName);
        Assert.Equal($"'{unknown}' is not an image variant; choose from thumb, medium, large or all, separated by commas.", error.ErrorMessage);
    }

    private sealed class DefaultVariants : IImageVariantNames
    {
        public IReadOnlyList<string> Names { get; } = ["thumb", "medium", "large"];
    }

    [Fact]
    public void Accepts_the_defaults()
    {
        Assert.True(_validator.Validate(new GetProductsQuery()).IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Refuses_a_page_below_one(int page)
    {
        var result = _validator.Validate(new GetProductsQuery(Page: page));

        Assert.Equal(nameof(GetProductsQuery.Page), Assert.Single(result.Errors).PropertyName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(GetProductsQuery.MaxPageSize + 1)]
    public void Refuses_a_page_size_outside_one_to_one_hundred(int pageSize)
    {
        var result = _validator.Validate(new GetProductsQuery(PageSize: pageSize));

        Assert.Equal(nameof(GetProductsQuery.PageSize), Assert.Single(result.Errors).PropertyName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(GetProductsQuery.MaxPageSize)]
    public void Accepts_a_page_size_at_either_end_of_the_range(int pageSize)
    {
        Assert.True(_validator.Validate(new GetProductsQuery(PageSize: pageSize)).IsValid);
    }

    [Theory]
    [InlineData("TOYS")]
    [InlineData("3")]
    [InlineData("")]
    public void Refuses_a_category_that_is_not_one(string category)
    {
        var result = _validator.Validate(new GetProductsQuery(Category: category));

        Assert.Equal(nameof(GetProductsQuery.Category), Assert.Single(result.Errors).PropertyName);
    }

    [Theory]
    [InlineData("ANIMAL")]
    [InlineData("animal")]
    [InlineData("Doll")]
    public void Accepts_a_known_category_in_any_case(string category)
    {
        Assert.True(_validator.Validate(new GetProductsQuery(Category: category)).IsValid);
    }

    [Fact]
    public void Names_a_refused_category_with_its_control_characters_escaped()
    {
        var result = _validator.Validate(new GetProductsQuery(Category: "\u001b[31mRED"));

        Assert.StartsWith("'\\u001B[31mRED' is not a category", Assert.Single(result.Errors).ErrorMessage, StringComparison.Ordinal);
    }
}
