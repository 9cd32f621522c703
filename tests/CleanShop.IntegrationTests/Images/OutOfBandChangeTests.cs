using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using CleanShop.IntegrationTests.Support;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Images;

/// <summary>Two API instances with a short sweep interval, and a second S3 client writing behind their backs.</summary>
public sealed class OutOfBandChangeTests(ITestOutputHelper output) : TwoInstanceTestBase
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    protected override void Configure(CleanShopApiFactory instance) => instance.Settings["ImageIndex:SweepInterval"] = SweepInterval.ToString();

    [Fact]
    public async Task An_object_put_then_deleted_by_another_S3_client_shows_then_goes_in_both_instances_within_the_sweep_interval_and_a_second()
    {
        var id = await First.CreateAdminClient().CreateProductAsync();
        await First.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var readers = new[] { First.CreateClient(), Second.CreateClient() };
        foreach (var reader in readers)
            Assert.Equal(["a.png"], (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames()); // in both memories now
        using var otherClient = CleanShopApiFactory.CreateS3Client();

        await otherClient.PutObjectAsync(new PutObjectRequest { BucketName = First.Isolation.Bucket, Key = $"{id}/z.png", InputStream = new MemoryStream(TestImages.Png) });
        // The promise: within the sweep interval and a second.
        var putSeenAfter = await TimeUntilBothShowAsync(readers, id, ["a.png", "z.png"], SweepInterval + TimeSpan.FromSeconds(1));

        await otherClient.DeleteObjectAsync(First.Isolation.Bucket, $"{id}/a.png");
        var deleteSeenAfter = await TimeUntilBothShowAsync(readers, id, ["z.png"], SweepInterval + TimeSpan.FromSeconds(1));

        output.WriteLine($"out-of-band put seen by both instances after {putSeenAfter.TotalMilliseconds:0} ms, delete after {deleteSeenAfter.TotalMilliseconds:0} ms (sweep interval {SweepInterval.TotalMilliseconds:0} ms)");
    }

    [Fact]
    public async Task Reads_between_sweeps_make_no_S3_call_and_keep_their_URLs_byte_for_byte()
    {
        var id = await First.CreateAdminClient().CreateProductAsync();
        await First.CreateAdminClient().UploadAsync(id, ("a.png", TestImages.Png));
        var reader = Second.CreateClient();
        var first = await reader.GetStringAsync($"/api/products/{id}");
        var callsBefore = First.S3Calls.RequestPathCalls + Second.S3Calls.RequestPathCalls;
        var sweepsBefore = First.S3Calls.Sweeps + Second.S3Calls.Sweeps;

        // Reads across at least two sweeps: the product did not change, so it is not signed again.
        var bodies = new List<string>();
        while (First.S3Calls.Sweeps + Second.S3Calls.Sweeps < sweepsBefore + 2)
        {
            bodies.Add(await reader.GetStringAsync($"/api/products/{id}"));
            bodies.Add(await First.CreateClient().GetStringAsync($"/api/products/{id}"));
            await Task.Delay(50);
        }

        Assert.All(bodies, body => Assert.Equal(first, body));
        Assert.Equal(callsBefore, First.S3Calls.RequestPathCalls + Second.S3Calls.RequestPathCalls);
    }

    [Fact]
    public async Task When_the_sweeping_instance_stops_the_other_takes_the_sweep_over()
    {
        // Whoever holds the lease sweeps; the other waits for it.
        await Eventually.HoldsAsync("two sweeps", () => First.S3Calls.Sweeps + Second.S3Calls.Sweeps >= 2);
        var sweeper = First.S3Calls.Sweeps > 0 ? First : Second;
        var other = sweeper == First ? Second : First;
        Assert.Equal(0, other.S3Calls.Sweeps);

        await sweeper.DisposeAsync();

        await other.S3Calls.WaitForSweepsAsync(after: 0, timeout: TimeSpan.FromSeconds(15));
    }

    internal static Task<TimeSpan> TimeUntilBothShowAsync(HttpClient[] readers, int id, string[] expected, TimeSpan within) =>
        Eventually.HoldsAsync($"both instances show {string.Join(", ", expected)}", async () =>
            (await Task.WhenAll(readers.Select(async r => (await r.GetJsonObjectAsync($"/api/products/{id}")).Filenames()))).All(names => names.SequenceEqual(expected)), within);
}
