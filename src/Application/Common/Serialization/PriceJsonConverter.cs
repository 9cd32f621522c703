using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanShop.Application.Common.Serialization;

/// <summary>
/// Prices travel as strings with two decimals ("25.00"), as Django REST Framework's DecimalField wrote them.
/// Clients may send either a string or a number.
/// </summary>
public sealed class PriceJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDecimal(),
            JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) => value,
            _ => throw new JsonException("A price is a number or a string such as \"25.00\"."),
        };

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[32];
        if (value.TryFormat(buffer, out var written, "0.00", CultureInfo.InvariantCulture))
            writer.WriteStringValue(buffer[..written]);
        else
            writer.WriteStringValue(value.ToString("0.00", CultureInfo.InvariantCulture));
    }
}
