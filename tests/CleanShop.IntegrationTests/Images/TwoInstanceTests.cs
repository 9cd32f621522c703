using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Images;

/// <summary>Two API instances sharing one Redis, one bucket and one database.</summary>
public sealed class TwoInstanceTests(ITestOutputHelper output) : TwoInstanceTestBase
{
    [Fact]
    public async Task Both_instances_serve_byte_identical_URLs_from_the_shared_cache()
    {
        var id = await First.CreateAdminClient().CreateProductAsync();
        await First.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));

        var fromFirst = await First.CreateClient().GetStringAsync($"/api/products/{id}");
        var listsBefore = Second.S3Calls.RequestPathLists;
        var fromSecond = await Second.CreateClient().GetStringAsync($"/api/products/{id}");

        Assert.Equal(fromFirst, fromSecond);
        Assert.Equal(listsBefore, Second.S3Calls.RequestPathLists); // served from Redis, not listed again
    }

    /// <summary>Far shorter than the sweep interval (10 min here) and the cache's durations: only the backplane can bring it.</summary>
    private static readonly TimeSpan WellBeforeASweep = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_change_through_one_instance_shows_in_the_other_through_the_backplane_long_before_any_sweep()
    {
        var id = await First.CreateAdminClient().CreateProductAsync();
        await First.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var reader = Second.CreateClient();
        Assert.Equal(["a.png"], (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames()); // now in the second's memory

        await First.CreateAdminClient().UploadAsync(id, ("b.png", TestImages.Png));
        var uploadSeenAfter = await ShownAsync(reader, id, ["a.png", "b.png"]);

        await First.CreateAdminClient().DeleteAsync($"/api/products/{id}/images/a.png");
        var deleteSeenAfter = await ShownAsync(reader, id, ["b.png"]);

        output.WriteLine($"upload seen by the other instance after {uploadSeenAfter.TotalMilliseconds:0.0} ms, delete after {deleteSeenAfter.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public async Task A_product_changed_through_one_instance_shows_in_the_other_through_the_backplane_long_before_it_expires()
    {
        var admin = First.CreateAdminClient();
        var id = await admin.CreateProductAsync("Before");
        var reader = Second.CreateClient();
        Assert.Equal("Before", (await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>()); // cached there now

        await admin.PutAsJsonAsync($"/api/products/{id}", new { name = "After", price = 1, category = "ANIMAL" });

        var updateSeen = await Eventually.HoldsAsync("the update shows on the other instance",
            async () => (await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>() == "After", WellBeforeASweep);
        output.WriteLine($"product update seen by the other instance after {updateSeen.TotalMilliseconds:0.0} ms");

        await admin.DeleteAsync($"/api/products/{id}");
        var deleteSeen = await Eventually.HoldsAsync("the delete shows on the other instance",
            async () => (await reader.GetAsync($"/api/products/{id}")).StatusCode == HttpStatusCode.NotFound, WellBeforeASweep);
        output.WriteLine($"product delete seen by the other instance after {deleteSeen.TotalMilliseconds:0.0} ms");
        await (await reader.GetAsync($"/api/products/{id}")).AssertProblemAsync(404);
    }

    private static Task<TimeSpan> ShownAsync(HttpClient reader, int id, string[] expected) =>
        Eventually.HoldsAsync($"the other instance shows {string.Join(", ", expected)}",
            async () => (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames().SequenceEqual(expected), WellBeforeASweep);
}
