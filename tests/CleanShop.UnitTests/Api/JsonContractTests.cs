using System.Text.Json;
using CleanShop.Application.Common.Serialization;
using CleanShop.Application.Products;

namespace CleanShop.UnitTests.Api;

public sealed class JsonContractTests
{
    private static readonly JsonSerializerOptions Contract = CreateContract();

    private static JsonSerializerOptions CreateContract()
    {
        var options = new JsonSerializerOptions();
        JsonContract.Apply(options);
        return options;
    }

    [Theory]
    [InlineData("25", "\"25.00\"")]
    [InlineData("25.5", "\"25.50\"")]
    [InlineData("25.50", "\"25.50\"")]
    [InlineData("0.01", "\"0.01\"")]
    [InlineData("99999999.99", "\"99999999.99\"")]
    public void A_price_is_written_as_a_string_with_two_decimals(string price, string json)
    {
        var value = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(json, JsonSerializer.Serialize(value, Contract));
    }

    [Theory]
    [InlineData("25.5")]
    [InlineData("\"25.50\"")]
    [InlineData("\"25.5\"")]
    public void A_price_is_read_from_a_number_or_a_string(string json)
    {
        Assert.Equal(25.5m, JsonSerializer.Deserialize<decimal>(json, Contract));
    }

    [Theory]
    [InlineData("\"cheap\"")]
    [InlineData("true")]
    [InlineData("null")]
    public void A_price_that_is_neither_a_number_nor_a_numeric_string_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<decimal>(json, Contract));
    }

    [Fact]
    public void A_time_is_written_in_utc_to_the_whole_second_ending_in_Z()
    {
        var inParis = new DateTimeOffset(2025, 1, 1, 1, 0, 0, 999, TimeSpan.FromHours(1)).AddTicks(9999);

        Assert.Equal("\"2025-01-01T00:00:00Z\"", JsonSerializer.Serialize(inParis, Contract));
    }

    [Fact]
    public void A_time_is_read_back_as_the_same_instant()
    {
        var read = JsonSerializer.Deserialize<DateTimeOffset>("\"2025-01-01T00:00:00Z\"", Contract);

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), read);
    }

    [Fact]
    public void A_product_is_written_in_snake_case_in_the_storefront_s_field_order()
    {
        var json = JsonSerializer.SerializeToElement(Product(), Contract);

        Assert.Equal(
            ["id", "name", "description", "price", "category", "images", "primary_image",
             "is_featured", "is_available", "created_at", "updated_at"],
            json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_product_carries_its_price_and_times_in_the_contract_s_formats()
    {
        var json = JsonSerializer.SerializeToElement(Product(), Contract);

        Assert.Equal("25.00", json.GetProperty("price").GetString());
        Assert.Equal("2025-01-01T00:00:00Z", json.GetProperty("created_at").GetString());
        Assert.Equal("2025-01-02T00:00:00Z", json.GetProperty("updated_at").GetString());
    }

    [Fact]
    public void An_image_is_written_as_url_filename_key_expires_at()
    {
        var json = JsonSerializer.SerializeToElement(Product(), Contract);

        var image = json.GetProperty("primary_image");
        Assert.Equal(["url", "filename", "key", "expires_at"], image.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2025-01-01T01:00:00Z", image.GetProperty("expires_at").GetString());
    }

    [Fact]
    public void Name_turns_a_property_name_into_its_wire_name()
    {
        Assert.Equal("page_size", JsonContract.Name("PageSize"));
    }

    private static ProductResponse Product()
    {
        var image = new ImageResponse("https://images.example/1/front.png?sig", "front.png", "1/front.png",
            new DateTimeOffset(2025, 1, 1, 1, 0, 0, TimeSpan.Zero));
        return new ProductResponse(
            1, "Pip the Penguin", "A round little penguin.", 25m, "ANIMAL", [image], image,
            IsFeatured: true, IsAvailable: true,
            CreatedAt: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            UpdatedAt: new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero));
    }
}
