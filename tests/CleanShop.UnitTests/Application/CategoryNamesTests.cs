using CleanShop.Application.Products;
using CleanShop.Domain.Common;
using CleanShop.Domain.Products;

namespace CleanShop.UnitTests.Application;

public sealed class CategoryNamesTests
{
    public static TheoryData<Category> Categories => new(Enum.GetValues<Category>());

    [Theory]
    [MemberData(nameof(Categories))]
    public void A_category_survives_the_round_trip_through_its_name(Category category)
    {
        var name = CategoryNames.ToName(category);

        Assert.True(CategoryNames.TryParse(name, out var parsed));
        Assert.Equal(category, parsed);
    }

    [Fact]
    public void Names_are_upper_case()
    {
        Assert.Equal("ANIMAL", CategoryNames.ToName(Category.Animal));
        Assert.All(CategoryNames.All, name => Assert.Equal(name.ToUpperInvariant(), name));
    }

    [Theory]
    [InlineData("animal", Category.Animal)]
    [InlineData(" Keychain ", Category.Keychain)]
    public void TryParse_ignores_case_and_surrounding_spaces(string name, Category expected)
    {
        Assert.True(CategoryNames.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("TOYS")]
    [InlineData("ANIMAL,DOLL")]
    [InlineData("DOLL, FANTASY")]
    public void TryParse_refuses_numbers_lists_and_unknown_names(string? name)
    {
        Assert.False(CategoryNames.TryParse(name, out _));
    }

    [Fact]
    public void Parse_throws_a_domain_exception_for_an_unknown_name()
    {
        var error = Assert.Throws<DomainException>(() => CategoryNames.Parse("TOYS"));

        Assert.Equal(nameof(Category), error.Field);
    }
}
