using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanShop.Application.Common.Serialization;

/// <summary>Times travel in UTC, to the whole second, ending in Z ("2025-01-01T00:00:00Z"), as the Django service wrote them.</summary>
public sealed class UtcSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[20];
        value.UtcDateTime.TryFormat(buffer, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }
}
