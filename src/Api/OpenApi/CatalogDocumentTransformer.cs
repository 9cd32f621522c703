using System.Text.Json.Nodes;
using CleanShop.Application.Products;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanShop.Api.OpenApi;

/// <summary>
/// What the generator cannot infer from the endpoints: the API's title and description, the bearer scheme,
/// categories as one named enum, the request bodies as clients send them, and the upload form's field.
/// </summary>
internal sealed class CatalogDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string CategorySchema = "Category";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CleanShop catalog API",
            Version = "1.0.0",
            Description = """
                The catalog of an amigurumi shop: products with their images. Images live in S3; each image is served
                as a presigned GET URL that stays valid until its `expires_at`. Reads are anonymous; every write needs a
                JWT bearer token with the role `admin`. Errors are RFC 9457 problem details.
                """,
        };
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/'); // "http://host/" + "/api/..." would make a double slash

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerSecurityOperationTransformer.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with the role `admin`. Locally: `dotnet user-jwts create --project src/Api --role admin --output token`.",
        };

        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        schemas[CategorySchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "What kind of amigurumi a product is.",
            Enum = CategoryNames.All.Select(name => (JsonNode)JsonValue.Create(name)).ToList(),
            Examples = [CategoryNames.All[0]],
        };
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            if (schema.Properties?.ContainsKey("category") == true)
                schema.Properties["category"] = new OpenApiSchemaReference(CategorySchema, document);
        }

        foreach (var name in new[] { OpenApiSchemaNames.CreateProductRequest, OpenApiSchemaNames.UpdateProductRequest })
        {
            if (schemas.TryGetValue(name, out var found) && found is OpenApiSchema request)
            {
                request.Properties?.Remove("id"); // PUT takes the id from the path; a body's id is ignored
                request.Required?.Remove("id");
                request.Required?.Remove("description"); // may be left out: an empty description
                request.Description = "A product's fields as an admin sends them. `price` may also be sent as a JSON number.";
            }
        }

        foreach (var name in new[] { OpenApiSchemaNames.Problem, OpenApiSchemaNames.ValidationProblem })
        {
            if (schemas.TryGetValue(name, out var found) && found is OpenApiSchema problem && problem.Properties is not null)
                problem.Properties["traceId"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The W3C trace id of the request, also in the service's logs for this request.",
                };
        }

        foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Name == "category")
                    parameter.Schema = new OpenApiSchemaReference(CategorySchema, document);
            }

            if (operation.RequestBody?.Content is { } content && content.TryGetValue("multipart/form-data", out var form))
                form.Schema = UploadForm();
        }

        // The upload form's schema is inline now; these were only its parts.
        schemas.Remove("IFormFile");
        schemas.Remove("IFormFileCollection");
        return Task.CompletedTask;
    }

    private static OpenApiSchema UploadForm() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "files" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["files"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "One or more JPEG, PNG, GIF or WebP images; each file's name becomes its S3 key's last part.",
                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                MinItems = 1,
            },
        },
    };
}
