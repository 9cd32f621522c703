using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CleanShop.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace CleanShop.IntegrationTests.Operations;

/// <summary>The API as it runs without an OTLP endpoint or a sampler: nothing listens for spans, every request keeps its trace id.</summary>
public sealed class UntracedRequestTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    [Fact]
    public async Task Without_an_OTLP_endpoint_or_a_sampler_no_tracer_provider_runs_and_a_problem_carries_the_callers_trace_id()
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products/2000000000");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await api.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(traceId.ToHexString(), problem.RootElement.GetProperty("traceId").GetString());
        Assert.Null(api.Services.GetService<TracerProvider>());
    }
}
