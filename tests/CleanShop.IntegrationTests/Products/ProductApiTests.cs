using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Products;

public sealed partial class ProductApiTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    [Fact]
    public async Task A_product_is_served_in_the_Django_services_field_order_and_formats()
    {
        var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync("Olive the Octopus", 29.5m);

        var body = await api.CreateClient().GetStringAsync($"/api/products/{id}");
        var product = JsonNode.Parse(body)!.AsObject();

        Assert.Equal(
            ["id", "name", "description", "price", "category", "images", "primary_image", "is_featured", "is_available", "created_at", "updated_at"],
            product.Select(p => p.Key));
        Assert.Equal("29.50", product["price"]!.GetValue<string>());
        Assert.Equal("ANIMAL", product["category"]!.GetValue<string>());
        Assert.Empty(product["images"]!.AsArray());
        Assert.Null(product["primary_image"]);
        Assert.Matches(UtcSeconds(), product["created_at"]!.GetValue<string>());
        Assert.Matches(UtcSeconds(), product["updated_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task Paths_also_answer_with_a_trailing_slash()
    {
        var id = await api.CreateAdminClient().CreateProductAsync();
        var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/products/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/products/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/products/{id}/images/")).StatusCode);
    }

    [Fact]
    public async Task A_product_can_be_created_replaced_and_deleted_by_an_admin()
    {
        var admin = api.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/products", new { name = "Luna", description = "A doll.", price = "64.00", category = "DOLL", is_featured = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        Assert.Equal($"/api/products/{id}", created.Headers.Location!.AbsolutePath);

        var replaced = await admin.PutAsJsonAsync($"/api/products/{id}", new { name = "Luna II", description = "", price = 70, category = "doll", is_featured = false, is_available = false });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var product = await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}");
        Assert.Equal("Luna II", product["name"]!.GetValue<string>());
        Assert.Equal("70.00", product["price"]!.GetValue<string>());
        Assert.False(product["is_available"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/products/{id}")).StatusCode);
        await (await api.CreateClient().GetAsync($"/api/products/{id}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_product_asked_for_before_it_exists_is_served_once_created()
    {
        var admin = api.CreateAdminClient();
        var client = api.CreateClient();
        var lastId = await admin.CreateProductAsync();
        await (await client.GetAsync($"/api/products/{lastId + 1}")).AssertProblemAsync(404); // cached as missing

        var id = await admin.CreateProductAsync("Newcomer");

        Assert.Equal(lastId + 1, id);
        Assert.Equal("Newcomer", (await client.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Writes_need_an_admin_token_and_reads_do_not()
    {
        var anonymous = api.CreateClient();
        var customer = api.CreateClientWithToken(AdminTokens.Customer);
        var newProduct = new { name = "X", price = 1, category = "FOOD" };

        await (await anonymous.PostAsJsonAsync("/api/products", newProduct)).AssertProblemAsync(401);
        await (await customer.PostAsJsonAsync("/api/products", newProduct)).AssertProblemAsync(403);
        await (await anonymous.DeleteAsync("/api/products/1")).AssertProblemAsync(401);
        await (await customer.DeleteAsync("/api/images/cache")).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/products")).StatusCode);
    }

    [Fact]
    public async Task The_list_is_a_Django_REST_Framework_page_with_links_that_keep_the_filters()
    {
        var admin = api.CreateAdminClient();
        var category = "KEYCHAIN";
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
            ids.Add(await admin.CreateProductAsync($"Keychain {i}", 5m + i, category));

        var client = api.CreateClient();
        var first = await client.GetJsonObjectAsync($"/api/products?category={category}&page_size=2");
        Assert.Equal(["count", "next", "previous", "results"], first.Select(p => p.Key));
        Assert.Equal(5, first["count"]!.GetValue<int>());
        Assert.Null(first["previous"]);
        Assert.Equal(ids.Take(2), first["results"]!.AsArray().Select(p => p!["id"]!.GetValue<int>()));
        var next = new Uri(first["next"]!.GetValue<string>());
        Assert.Equal($"?category={category}&page_size=2&page=2", next.Query);

        var second = await client.GetJsonObjectAsync(next.PathAndQuery);
        Assert.Equal(ids.Skip(2).Take(2), second["results"]!.AsArray().Select(p => p!["id"]!.GetValue<int>()));
        Assert.Equal($"?category={category}&page_size=2", new Uri(second["previous"]!.GetValue<string>()).Query);

        var last = await client.GetJsonObjectAsync($"/api/products?category={category}&page_size=2&page=3");
        Assert.Null(last["next"]);
        Assert.Single(last["results"]!.AsArray());
    }

    [Fact]
    public async Task The_list_filters_by_featured_and_available()
    {
        var admin = api.CreateAdminClient();
        var featured = await admin.PostAsJsonAsync("/api/products", new { name = "Featured", price = 9, category = "BABY", is_featured = true, is_available = false });
        var featuredId = (await featured.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        await admin.CreateProductAsync("Plain baby toy", 9m, "BABY");

        var page = await api.CreateClient().GetJsonObjectAsync("/api/products?category=BABY&is_featured=true&is_available=false");

        Assert.Equal([featuredId], page["results"]!.AsArray().Select(p => p!["id"]!.GetValue<int>()));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex UtcSeconds();
}
