using CleanShop.Api.Http;
using CleanShop.Application.Products;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanShop.Api.OpenApi;

/// <summary>
/// Describes values as the JSON contract writes them, not as the CLR types look: the contract's converters
/// (string prices, UTC-second timestamps) are invisible to the schema generator, and the web defaults'
/// "numbers may be read from strings" would otherwise type every id as "integer or string".
/// </summary>
internal sealed class WireFormatSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>Two decimals, always: "25.00" (PriceJsonConverter).</summary>
    public const string PricePattern = @"^\d+\.\d{2}$";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        var nullable = schema.Type is { } current && current.HasFlag(JsonSchemaType.Null);
        if (type == typeof(int) || type == typeof(long))
        {
            schema.Type = JsonSchemaType.Integer | (nullable ? JsonSchemaType.Null : 0);
            schema.Pattern = null;
        }
        else if (type == typeof(decimal))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Pattern = PricePattern;
            schema.Examples = ["25.00"];
            schema.Description = "A price in the shop's currency, with two decimals.";
        }
        else if (type == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String | (nullable ? JsonSchemaType.Null : 0);
            schema.Format = "date-time";
            schema.Examples = ["2026-11-24T06:54:21Z"];
        }
        else if (type == typeof(ProductResponse))
        {
            schema.Description = "A product with its images, field for field as the storefront reads it.";
            schema.Examples = [OpenApiExamples.Product()];
        }
        else if (type == typeof(ImageResponse))
        {
            schema.Description = "An image: a presigned GET URL valid until expires_at, its file name and its S3 key.";
            schema.Examples = [OpenApiExamples.Image()];
        }
        else if (type == typeof(PageResponse<ProductResponse>))
        {
            schema.Description = "One page of products (Django REST Framework's page): the total count, links to the next and previous pages, the products.";
            schema.Examples = [OpenApiExamples.Page()];
        }

        return Task.CompletedTask;
    }
}
