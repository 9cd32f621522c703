using System.Net;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Products;

/// <summary>PostgreSQL cut (a TCP proxy in front of it) after a list page was read: the page still answers from the cache.</summary>
public sealed class ProductListOutageTests
{
    [Fact]
    public async Task While_PostgreSQL_is_down_a_list_page_read_before_answers_200_with_the_same_body_and_one_never_read_answers_503()
    {
        await using var proxy = TcpCutProxy.InFrontOfPostgres();
        await using var api = new CleanShopApiFactory();
        api.UsePostgresThrough(proxy);
        await api.InitializeAsync();
        var admin = api.CreateAdminClient();
        var client = api.CreateClient();
        await admin.CreateProductAsync("One", category: "PLANT");
        await admin.CreateProductAsync("Two", category: "PLANT");
        var before = await client.GetStringAsync("/api/products?category=PLANT&page_size=2");

        proxy.Cut();

        var during = await client.GetAsync("/api/products?category=PLANT&page_size=2");
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(before, await during.Content.ReadAsStringAsync());
        // Another page and page size of the same filter slice the same cached ids: no query either.
        var secondPage = await client.GetJsonObjectAsync("/api/products?category=PLANT&page_size=1&page=2");
        Assert.Equal(["Two"], secondPage["results"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(2, secondPage["count"]!.GetValue<int>());
        var neverRead = await client.GetAsync("/api/products?category=BABY");
        await neverRead.AssertProblemAsync(503);
        Assert.NotNull(neverRead.Headers.RetryAfter);
    }
}
