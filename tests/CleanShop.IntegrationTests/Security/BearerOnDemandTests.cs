using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanShop.IntegrationTests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CleanShop.IntegrationTests.Security;

/// <summary>The API with a count of the requests its bearer handler ran for.</summary>
public sealed class BearerCountingApiFactory : CleanShopApiFactory
{
    private int _bearerRuns;

    public int BearerHandlerRuns => Volatile.Read(ref _bearerRuns);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var received = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = context =>
            {
                Interlocked.Increment(ref _bearerRuns);
                return received(context);
            };
        }));
    }
}

public sealed class BearerOnDemandTests(BearerCountingApiFactory api) : IClassFixture<BearerCountingApiFactory>
{
    [Fact]
    public async Task Storefront_reads_never_run_the_bearer_handler_even_with_a_token_attached()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        using var withGarbageToken = api.CreateClient();
        withGarbageToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        var before = api.BearerHandlerRuns;

        foreach (var client in new[] { api.CreateClient(), admin, withGarbageToken })
        {
            foreach (var path in new[] { $"/api/products/{id}", "/api/products?page_size=5", $"/api/products/{id}/images" })
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        Assert.Equal(before, api.BearerHandlerRuns);
    }

    [Fact]
    public async Task A_staff_endpoint_reads_the_token_and_tells_an_admin_from_an_anonymous_caller()
    {
        using var admin = api.CreateAdminClient();
        var before = api.BearerHandlerRuns;

        var product = new { name = "Token Toad", description = "Checked.", price = "12.00", category = "ANIMAL" };

        var created = await admin.PostAsJsonAsync("/api/products", product);
        var anonymous = await api.CreateClient().PostAsJsonAsync("/api/products", product);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.True(api.BearerHandlerRuns >= before + 2, $"the bearer handler ran for {api.BearerHandlerRuns - before} requests, expected both");
    }
}
