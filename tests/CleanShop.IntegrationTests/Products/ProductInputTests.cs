using System.Net.Http.Json;
using System.Text;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Products;

/// <summary>Bad input gets a clear RFC 9457 answer, never a 500.</summary>
public sealed class ProductInputTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    [Theory]
    [InlineData("/api/products?page_size=0", 400, "page_size")]
    [InlineData("/api/products?page_size=1000", 400, "page_size")]
    [InlineData("/api/products?page=0", 400, "page")]
    [InlineData("/api/products?category=ROBOT", 400, "category")]
    [InlineData("/api/products?page=abc", 400, null)]
    [InlineData("/api/products?is_featured=maybe", 400, null)]
    [InlineData("/api/products?page=999", 404, null)]
    [InlineData("/api/products/abc", 404, null)]
    [InlineData("/api/products/2147483647", 404, null)]
    public async Task A_bad_query_is_answered_with_problem_details(string url, int status, string? field)
    {
        var problem = await (await api.CreateClient().GetAsync(url)).AssertProblemAsync(status);

        if (field is not null)
            Assert.NotNull(problem["errors"]![field]);
    }

    public static TheoryData<object, string> BadProducts => new()
    {
        { new { name = "Toy", price = -1, category = "ANIMAL" }, "price" },
        { new { name = "Toy", price = 0, category = "ANIMAL" }, "price" },
        { new { name = "Toy", price = 1.999, category = "ANIMAL" }, "price" },
        { new { name = new string('x', 201), price = 1, category = "ANIMAL" }, "name" },
        { new { name = "", price = 1, category = "ANIMAL" }, "name" },
        { new { name = "Toy", price = 1, category = "ROBOT" }, "category" },
        { new { price = 1, category = "ANIMAL" }, "name" },
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task A_bad_product_is_refused_with_the_field_named(object product, string field)
    {
        var response = await api.CreateAdminClient().PostAsJsonAsync("/api/products", product);

        var problem = await response.AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("{\"name\": \"Toy\", ")]
    [InlineData("{\"name\": \"Toy\", \"price\": \"cheap\", \"category\": \"ANIMAL\"}")]
    [InlineData("[1, 2, 3]")]
    public async Task Malformed_JSON_is_a_400(string json)
    {
        var response = await api.CreateAdminClient().PostAsync("/api/products", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task Replacing_a_missing_product_is_a_404()
    {
        var response = await api.CreateAdminClient().PutAsJsonAsync("/api/products/987654", new { name = "Toy", price = 1, category = "ANIMAL" });

        await response.AssertProblemAsync(404);
    }
}
