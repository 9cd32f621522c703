using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using CleanShop.Application.Products;
using CommunityToolkit.HighPerformance.Buffers;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CleanShop.Api.Http;

/// <summary>
/// Writes answers that hold products, each product from the bytes serialized for it the first time. A cached read
/// hands out the same <see cref="ProductResponse"/> instance until its product or its images change
/// (<see cref="ProductResponse.From(ProductSnapshot, Application.Common.Interfaces.ProductImageSet)"/>), so the
/// detail and every list page it is on cost a copy of its bytes, not a serialization. The bytes are exactly what the
/// API's JSON options write; only the options these answers use know the shortcut, so the OpenAPI document still
/// describes <see cref="ProductResponse"/> from its properties.
/// </summary>
internal sealed class ProductJson
{
    private readonly PreSerializedProducts _products;
    private readonly JsonSerializerOptions _options;
    private readonly JsonWriterOptions _writerOptions;

    public ProductJson(IOptions<JsonOptions> json)
    {
        _products = new PreSerializedProducts(json.Value.SerializerOptions);
        _options = new JsonSerializerOptions(json.Value.SerializerOptions) { Converters = { _products } };
        _writerOptions = new JsonWriterOptions { Encoder = _options.Encoder, Indented = _options.WriteIndented, MaxDepth = _options.MaxDepth, SkipValidation = true };
    }

    /// <summary>200 with <paramref name="value"/> as JSON, serialized into a pooled buffer; the endpoint declares its type with <c>Produces&lt;T&gt;</c>.</summary>
    public Utf8JsonResult Ok<T>(T value)
    {
        var buffer = new ArrayPoolBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, _writerOptions))
            JsonSerializer.Serialize(writer, value, _options);
        return new Utf8JsonResult(buffer.WrittenMemory, buffer);
    }

    /// <summary>200 with the product's bytes as they are, in one write with their length, as a static file is sent.</summary>
    public Utf8JsonResult Ok(ProductResponse product) => new(_products.BytesOf(product));

    private sealed class PreSerializedProducts(JsonSerializerOptions plain) : JsonConverter<ProductResponse>
    {
        /// <summary>Weak on the response: bytes live as long as the cached response they were written for.</summary>
        private readonly ConditionalWeakTable<ProductResponse, byte[]> _bytes = new();

        /// <summary>A hit allocates nothing (GetValue alone would allocate its callback on every call).</summary>
        public byte[] BytesOf(ProductResponse product) =>
            _bytes.TryGetValue(product, out var bytes) ? bytes : _bytes.GetValue(product, response => JsonSerializer.SerializeToUtf8Bytes(response, plain));

        public override void Write(Utf8JsonWriter writer, ProductResponse value, JsonSerializerOptions options) =>
            writer.WriteRawValue(BytesOf(value), skipInputValidation: true);

        public override ProductResponse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("ProductJson only writes products.");
    }
}
