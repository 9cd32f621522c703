using CleanShop.IntegrationTests.Support;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CleanShop.IntegrationTests.Contract;

/// <summary>The OpenAPI document is built once per process and then served from memory, whatever the request adds.</summary>
public sealed class OpenApiDocumentCacheTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    [Fact]
    public async Task The_OpenAPI_document_is_built_once_and_served_byte_for_byte_to_later_requests_whatever_their_query_or_host()
    {
        var builds = 0;
        using var counted = api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer((_, _, _) =>
            {
                Interlocked.Increment(ref builds);
                return Task.CompletedTask;
            }))));
        var client = counted.CreateClient();

        var first = await client.GetByteArrayAsync("/openapi/v1.json");
        var withQuery = await client.GetByteArrayAsync("/openapi/v1.json?nonce=" + Guid.NewGuid().ToString("N"));
        using var otherHost = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json") { Headers = { Host = "elsewhere.example" } };
        var withHost = await (await client.SendAsync(otherHost)).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();

        Assert.Equal(1, Volatile.Read(ref builds));
        Assert.True(first.Length > 10_000, $"the document is only {first.Length} B");
        Assert.Equal(first, withQuery);
        Assert.Equal(first, withHost);
    }
}
