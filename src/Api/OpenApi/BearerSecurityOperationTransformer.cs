using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanShop.Api.OpenApi;

/// <summary>
/// Requires the bearer scheme on exactly the operations that need authorization (the writes), and none on the others,
/// so that generated clients and the Scalar page send a token there and nowhere else.
/// </summary>
internal sealed class BearerSecurityOperationTransformer : IOpenApiOperationTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // An anonymous read says so (`security: [{}]`, "no scheme"), rather than leaving it unsaid: linters (redocly's
        // security-defined) and generated clients then know that no token is sent.
        operation.Security = !metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any()
            ? [new OpenApiSecurityRequirement()]
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
        return Task.CompletedTask;
    }
}
