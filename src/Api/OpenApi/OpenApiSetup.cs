using Scalar.AspNetCore;

namespace CleanShop.Api.OpenApi;

/// <summary>The OpenAPI document (the wire contract clients are generated from) and its interactive reference.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddCatalogOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = OpenApiSchemaNames.For;
            options.AddSchemaTransformer<WireFormatSchemaTransformer>();
            options.AddOperationTransformer<BearerSecurityOperationTransformer>();
            options.AddDocumentTransformer<CatalogDocumentTransformer>();
        });

    /// <summary>/scalar: the reference with the descriptions, and a bearer token field for the admin calls.</summary>
    public static IEndpointConventionBuilder MapCatalogApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(options => options
            .WithTitle("CleanShop catalog API")
            .AddPreferredSecuritySchemes(BearerSecurityOperationTransformer.SchemeName)
            .AddHttpAuthentication(BearerSecurityOperationTransformer.SchemeName, auth => auth.Token = ""));
}
