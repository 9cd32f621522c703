using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanShop.Application.Common.Interfaces;
using CleanShop.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Products;

/// <summary>Two instances sharing one database and one Redis: list pages and products come from the cache, and every write shows on the other.</summary>
public sealed class ProductCacheInvalidationTests(ITestOutputHelper output) : TwoInstanceTestBase
{
    [Fact]
    public async Task A_create_an_update_and_a_delete_through_one_instance_each_show_on_the_other_instances_list_long_before_it_expires()
    {
        var admin = First.CreateAdminClient();
        var reader = Second.CreateClient();
        var id = await admin.CreateProductAsync("Listed", category: "DOLL");
        Assert.Equal(["Listed"], await NamesAsync(reader)); // the list and its products are cached on the second now

        var created = await admin.CreateProductAsync("Second", category: "DOLL");
        var createSeen = await TimeUntilAsync(async () => (await NamesAsync(reader)).SequenceEqual(["Listed", "Second"]));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/products/{id}", new { name = "Renamed", price = 2, category = "DOLL" })).StatusCode);
        var updateSeen = await TimeUntilAsync(async () => (await NamesAsync(reader)).SequenceEqual(["Renamed", "Second"]));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/products/{created}")).StatusCode);
        var deleteSeen = await TimeUntilAsync(async () => (await NamesAsync(reader)).SequenceEqual(["Renamed"]));

        output.WriteLine($"seen on the other instance's list after: create {createSeen.TotalMilliseconds:0} ms, update {updateSeen.TotalMilliseconds:0} ms, delete {deleteSeen.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_product_saved_through_the_DbContext_outside_any_handler_is_invalidated_in_every_instance_without_a_cache_call()
    {
        var id = await First.CreateAdminClient().CreateProductAsync("Before", category: "FOOD");
        var reader = Second.CreateClient();
        Assert.Equal("Before", (await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>());
        Assert.Equal(["Before"], await NamesAsync(reader, "FOOD"));

        // What a new write command would do: change the product through the port and save. No cache is named.
        await using (var scope = First.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ICatalogDbContext>();
            var product = await db.Products.SingleAsync(p => p.Id == id);
            product.Update("After", product.Description, product.Price, product.Category, product.IsFeatured, product.IsAvailable, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var seen = await TimeUntilAsync(async () =>
            (await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>() == "After"
            && (await NamesAsync(reader, "FOOD")).SequenceEqual(["After"]));
        output.WriteLine($"a save outside any handler was seen by the other instance after {seen.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_bulk_ExecuteUpdate_and_ExecuteDelete_outside_any_handler_are_invalidated_in_every_instance_too()
    {
        var id = await First.CreateAdminClient().CreateProductAsync("Before", category: "FOOD");
        var reader = Second.CreateClient();
        Assert.Equal("Before", (await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>());
        Assert.Equal(["Before"], await NamesAsync(reader, "FOOD"));

        // Bulk statements name no tracked entities: the interceptor drops every product and list after them.
        await using (var scope = First.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ICatalogDbContext>().Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "Bulk"));
        await TimeUntilAsync(async () =>
            (await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>() == "Bulk"
            && (await NamesAsync(reader, "FOOD")).SequenceEqual(["Bulk"]));

        await using (var scope = First.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ICatalogDbContext>().Products.Where(p => p.Id == id).ExecuteDeleteAsync();
        await TimeUntilAsync(async () =>
            (await reader.GetAsync($"/api/products/{id}")).StatusCode == HttpStatusCode.NotFound && (await NamesAsync(reader, "FOOD")).Length == 0);
    }

    private static async Task<string[]> NamesAsync(HttpClient client, string category = "DOLL") =>
        (await client.GetJsonObjectAsync($"/api/products?category={category}"))["results"]!.AsArray()
            .Select(p => p!["name"]!.GetValue<string>()).ToArray();

    /// <summary>Far shorter than the product cache's duration (10 min): only the invalidation can bring the change.</summary>
    private static Task<TimeSpan> TimeUntilAsync(Func<Task<bool>> condition) =>
        Eventually.HoldsAsync("the change shows on the other instance", condition, TimeSpan.FromSeconds(10));
}
