using CleanShop.Infrastructure;
using CleanShop.Infrastructure.Variants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanShop.UnitTests.Infrastructure;

/// <summary>The variants' settings as the Infrastructure layer registers them: bound over the defaults, validated when read.</summary>
public sealed class ImageVariantOptionsTests
{
    [Fact]
    public void Without_settings_the_variants_are_thumb_320_square_cover_medium_800_and_large_1600_wide_fitted()
    {
        var variants = Read([]).Variants;

        Assert.Equal(["large", "medium", "thumb"], variants.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((320, 320, VariantFit.Cover), (variants["thumb"].Width, variants["thumb"].Height!.Value, variants["thumb"].Fit));
        Assert.Equal((800, (int?)null, VariantFit.Fit), (variants["medium"].Width, variants["medium"].Height, variants["medium"].Fit));
        Assert.Equal((1600, (int?)null, VariantFit.Fit), (variants["large"].Width, variants["large"].Height, variants["large"].Fit));
    }

    [Fact]
    public void A_setting_changes_one_field_of_a_default_variant_and_a_new_name_adds_a_variant()
    {
        var options = Read(new()
        {
            ["ImageVariants:thumb:Quality"] = "60",
            ["ImageVariants:banner:Width"] = "1200",
            ["ImageVariants:banner:Height"] = "400",
            ["ImageVariants:banner:Fit"] = "Cover",
            ["ImageVariants:Concurrency"] = "3",
        });

        Assert.Equal((320, 320, 60), (options.Variants["thumb"].Width, options.Variants["thumb"].Height!.Value, options.Variants["thumb"].Quality));
        Assert.Equal((1200, 400, VariantFit.Cover), (options.Variants["banner"].Width, options.Variants["banner"].Height!.Value, options.Variants["banner"].Fit));
        Assert.Equal(["banner", "large", "medium", "thumb"], options.Variants.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, options.Concurrency);
    }

    [Theory]
    [InlineData("ImageVariants:thumb:Width", "0", "ImageVariants:thumb")]
    [InlineData("ImageVariants:medium:Quality", "101", "ImageVariants:medium")]
    [InlineData("ImageVariants:tall:Fit", "Cover", "a cover variant needs a Height")]
    [InlineData("ImageVariants:Big_One:Width", "100", "a variant's name is 1 to 32 of a-z, 0-9 and '-'")]
    [InlineData("ImageVariants:all:Width", "100", "and not 'all'")]
    [InlineData("ImageVariants:Concurrency", "0", "Concurrency")]
    public void A_bad_setting_is_refused_when_the_options_are_read_naming_it(string key, string value, string named)
    {
        Dictionary<string, string?> settings = new() { [key] = value };
        if (key.StartsWith("ImageVariants:tall", StringComparison.Ordinal))
            settings["ImageVariants:tall:Width"] = "300";

        var refused = Assert.Throws<OptionsValidationException>(() => Read(settings));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    private static ImageVariantOptions Read(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddInfrastructure(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ImageVariantOptions>>().Value;
    }
}
