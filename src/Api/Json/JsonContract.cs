using System.Text.Json;

namespace CleanShop.Api.Json;

/// <summary>The wire format the storefronts were written against: snake_case, string prices, UTC seconds.</summary>
internal static class JsonContract
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new PriceJsonConverter());
        options.Converters.Add(new UtcSecondsJsonConverter());
    }

    /// <summary>A property name as clients know it (PageSize → page_size).</summary>
    public static string Name(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);
}
