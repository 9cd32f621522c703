using System.Diagnostics;
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

    [Fact]
    public async Task A_change_through_one_instance_shows_in_the_other_within_a_second()
    {
        var id = await First.CreateAdminClient().CreateProductAsync();
        await First.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var reader = Second.CreateClient();
        Assert.Equal(["a.png"], (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames()); // now in the second's memory

        await First.CreateAdminClient().UploadAsync(id, ("b.png", TestImages.Png));
        var uploadSeenAfter = await TimeUntilAsync(reader, id, ["a.png", "b.png"]);

        await First.CreateAdminClient().DeleteAsync($"/api/products/{id}/images/a.png");
        var deleteSeenAfter = await TimeUntilAsync(reader, id, ["b.png"]);

        output.WriteLine($"upload seen by the other instance after {uploadSeenAfter.TotalMilliseconds:0.0} ms, delete after {deleteSeenAfter.TotalMilliseconds:0.0} ms");
        Assert.True(uploadSeenAfter < TimeSpan.FromSeconds(1), $"upload seen after {uploadSeenAfter.TotalMilliseconds} ms");
        Assert.True(deleteSeenAfter < TimeSpan.FromSeconds(1), $"delete seen after {deleteSeenAfter.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_product_changed_through_one_instance_shows_in_the_other_within_a_second()
    {
        var admin = First.CreateAdminClient();
        var id = await admin.CreateProductAsync("Before");
        var reader = Second.CreateClient();
        Assert.Equal("Before", (await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>()); // cached there now

        await admin.PutAsJsonAsync($"/api/products/{id}", new { name = "After", price = 1, category = "ANIMAL" });

        var watch = Stopwatch.StartNew();
        while ((await reader.GetJsonObjectAsync($"/api/products/{id}"))["name"]!.GetValue<string>() != "After" && watch.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(10);
        output.WriteLine($"product update seen by the other instance after {watch.Elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"update seen after {watch.Elapsed.TotalMilliseconds} ms");

        await admin.DeleteAsync($"/api/products/{id}");
        watch.Restart();
        while ((await reader.GetAsync($"/api/products/{id}")).StatusCode != HttpStatusCode.NotFound && watch.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(10);
        output.WriteLine($"product delete seen by the other instance after {watch.Elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"delete seen after {watch.Elapsed.TotalMilliseconds} ms");
        await (await reader.GetAsync($"/api/products/{id}")).AssertProblemAsync(404);
    }

    private static async Task<TimeSpan> TimeUntilAsync(HttpClient reader, int id, string[] expected)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            if ((await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames().SequenceEqual(expected))
                return watch.Elapsed;
            await Task.Delay(10);
        }

        return watch.Elapsed;
    }
}
