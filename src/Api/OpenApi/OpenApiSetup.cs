using Scalar.AspNetCore;

namespace CleanShop.Api.OpenApi;

/// <summary>The OpenAPI document (the wire contract clients are generated from) and its interactive reference.</summary>
public static class OpenApiSetup
{
    private const string DocumentPolicy = "openapi-document";

    public static IServiceCollection AddCatalogOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = OpenApiSchemaNames.For;
            options.AddSchemaTransformer<WireFormatSchemaTransformer>();
            options.AddOperationTransformer<BearerSecurityOperationTransformer>();
            options.AddDocumentTransformer<CatalogDocumentTransformer>();
        });

        // Built per request otherwise (about 2.8 MB of allocations each time), and it changes only with a deployment.
        // One copy per document: no key from the query or the Host header, so that a client cannot make the API build
        // and keep a copy per made-up query string; a small store, since the document is about 33 KB.
        return services.AddOutputCache(options =>
        {
            options.SizeLimit = 4 * 1024 * 1024;
            options.AddPolicy(DocumentPolicy, policy => policy
                .Expire(TimeSpan.FromDays(1))
                .SetVaryByQuery([])
                .SetVaryByHost(false));
        });
    }

    /// <summary>/openapi/{documentName}.json, built once and then served from memory (see <see cref="AddCatalogOpenApi"/>).</summary>
    public static IEndpointConventionBuilder MapCatalogOpenApi(this IEndpointRouteBuilder app) =>
        app.MapOpenApi().CacheOutput(DocumentPolicy);

    /// <summary>/scalar: the reference with the descriptions, and a bearer token field for the admin calls.</summary>
    public static IEndpointConventionBuilder MapCatalogApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(options => options
            .WithTitle("CleanShop catalog API")
            .AddPreferredSecuritySchemes(BearerSecurityOperationTransformer.SchemeName)
            .AddHttpAuthentication(BearerSecurityOperationTransformer.SchemeName, auth => auth.Token = ""));
}
