using CleanShop.Api;
using CleanShop.Api.Endpoints;
using CleanShop.Api.Hosting;
using CleanShop.Api.Http;
using CleanShop.Api.OpenApi;
using CleanShop.Application.Products.Queries.GetProductWithImages;
using CleanShop.Infrastructure;
using CleanShop.Infrastructure.Hosting;
using CleanShop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;

// Catches what happens before the host's own logger exists (a bad setting, an unreachable database).
Log.Logger = LoggingSetup.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        EnvironmentName = Stacks.FromEnvironment(),
    });
    builder.AddLocalUserSecrets(); // where `dotnet user-jwts` keeps its signing key, re-read when it changes
    builder.AddCleanShopDefaults();

    builder.AddCatalogLogging();
    builder.AddCatalogTelemetry();

    builder.Services.AddApi(builder.Configuration);
    builder.Services.AddMediator(options =>
    {
        options.Assemblies = [typeof(GetProductWithImagesQuery)];
        // Transient, not scoped: a request sends one message, its handler still gets the request's scoped services, and
        // the request's scope does not record the mediator and the handler (that record's growth was a quarter of a cached
        // read's allocations). The pipeline's parts are singletons, registered by AddCleanShopDefaults.
        options.ServiceLifetime = ServiceLifetime.Transient;
    });

    var app = builder.Build();

    // Outermost: it logs the status the client gets, after error handling. With the host's logger handed over once;
    // without it, the middleware derives a logger from the static one on every request.
    app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseRequestTargetGuard(); // before routing: a dot segment must never pick a route
    app.UseRouting();
    app.UseCors();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseOutputCache(); // after CORS and routing, as it must be; only the OpenAPI document has a policy

    app.MapProductEndpoints();
    app.MapProductImageEndpoints();
    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync });
    app.MapPrometheusScrapingEndpoint("/metrics");
    app.MapCatalogOpenApi();
    if (app.Environment.IsEnvironment(Stacks.Local))
        app.MapCatalogApiReference();

    await app.Services.PrepareCatalogAsync(withSampleImages: true, app.Lifetime.ApplicationStopping);
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    Log.Fatal(exception, "CleanShop could not start: {Reason}", exception.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Public so that the integration tests' WebApplicationFactory can find the entry point.</summary>
public partial class Program;
