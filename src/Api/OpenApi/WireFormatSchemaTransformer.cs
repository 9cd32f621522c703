using CleanShop.Api.Http;
using CleanShop.Application.Common.Interfaces;
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

    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
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
            schema.Description = "An image: a presigned GET URL valid until expires_at, its file name and its S3 key; its variants when asked for.";
            schema.Examples = [OpenApiExamples.Image()];
            await DescribeVariantsAsync(schema, context, cancellationToken);
        }
        else if (type == typeof(PageResponse<ProductResponse>))
        {
            schema.Description = "One page of products (Django REST Framework's page): the total count, links to the next and previous pages, the products.";
            schema.Examples = [OpenApiExamples.Page()];
        }

    }

    /// <summary>
    /// <c>variants</c> as an object with one optional property per configured name, rather than a map: a generated
    /// client then reads <c>variants.thumb.width</c> typed. Absent from the JSON unless asked for; never null.
    /// </summary>
    private static async Task DescribeVariantsAsync(OpenApiSchema image, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (image.Properties is null || !image.Properties.ContainsKey("variants") || context.Document is not { } document)
            return;
        // The map's value schema is not passed through the transformers (its numbers would read "integer or string"): made here, by name.
        var variant = await context.GetOrCreateSchemaAsync(typeof(ImageVariantResponse), cancellationToken: cancellationToken);
        document.AddComponent(OpenApiSchemaNames.ImageVariant, variant);
        var reference = new OpenApiSchemaReference(OpenApiSchemaNames.ImageVariant, document);
        var names = context.ApplicationServices.GetRequiredService<IImageVariantNames>().Names;
        image.Properties["variants"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Only with ?variants=: each variant asked for that is made (WebP), by name; one not made yet is absent.",
            Properties = names.ToDictionary(name => name, IOpenApiSchema (_) => reference, StringComparer.Ordinal),
            AdditionalPropertiesAllowed = false,
        };
    }
}
