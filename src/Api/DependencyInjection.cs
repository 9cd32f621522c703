using CleanShop.Api.Authentication;
using CleanShop.Api.Endpoints;
using CleanShop.Api.Errors;
using CleanShop.Api.OpenApi;
using CleanShop.Application.Common.Serialization;
using CleanShop.Infrastructure.Telemetry;
using FluentValidation;
using OpenTelemetry.Metrics;

namespace CleanShop.Api;

public static class DependencyInjection
{
    /// <summary>The HTTP side: JSON contract, problem details, auth, CORS, OpenAPI, health and metrics.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(options => JsonContract.Apply(options.SerializerOptions));
        services.AddSingleton<Http.ProductJson>();

        // Messages name fields as clients know them: "'page_size' must be between 1 and 100".
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonContract.Name(member.Name);
        services.AddProblemDetails();
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>(); // after the default writer: used when it declines
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        // Bearer tokens as `dotnet user-jwts` issues them locally, from an OIDC provider or configured keys on AWS:
        // the settings live in Authentication:Schemes:Bearer either way.
        BearerSettings.EnsureUsable(Infrastructure.Stacks.FromEnvironment(), configuration);
        services.AddBearerOnDemand()
            .AddBearerPolicy(AdminPolicy.Name, policy => policy.RequireRole(AdminPolicy.Role));

        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type")
            .WithExposedHeaders(Http.ImagesDegradedHeader.Name)));

        services.AddCatalogOpenApi();

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(CatalogMetrics.MeterName)
            // Every scrape sees the counters as they are now; the exporter's default would answer from a 300 ms old copy.
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }
}
