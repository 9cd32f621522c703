using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanShop.Api.Http;

/// <summary>
/// /health/ready names each component and its state, so that an operator sees which one is down:
/// <c>{"status":"Unhealthy","components":{"postgresql":"Unhealthy","redis":"Healthy","s3":"Healthy"}}</c>.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            components = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }, cancellationToken: context.RequestAborted);
    }
}
