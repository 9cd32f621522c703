using System.Globalization;
using System.Text.RegularExpressions;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Operations;

/// <summary>
/// The GC settings the API project ships (its runtimeconfig) reach the API as an operator runs it: its own
/// process, read through the runtime's own counters on <c>/metrics</c>.
/// </summary>
public sealed partial class ShippedMemorySettingsTests
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task The_API_process_collects_gen0_at_least_once_per_3_MB_allocated()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string?>());
        using var client = new HttpClient { BaseAddress = api.Address };

        var before = GcFigures.Read(await client.GetStringAsync("/metrics"));
        // The OpenAPI document is built per request: megabytes of short-lived objects each time.
        for (var i = 0; i < 40; i++)
            (await client.GetAsync("/openapi/v1.json")).EnsureSuccessStatusCode();
        var after = GcFigures.Read(await client.GetStringAsync("/metrics"));

        var allocated = after.AllocatedBytes - before.AllocatedBytes;
        var collections = after.Collections - before.Collections;
        Assert.True(allocated > 30 * Megabyte, $"only {allocated:N0} B were allocated: the load proves nothing");
        // Left to itself the GC sizes gen0 from the L3 cache (16 MB on the CI machine): about 15 MB per collection.
        var perCollection = allocated / Math.Max(collections, 1);
        Assert.True(perCollection <= 3 * Megabyte + Megabyte / 2,
            $"{collections} collections for {allocated:N0} B allocated ({perCollection:N0} B each): the shipped gen0 cap (System.GC.Gen0MaxBudget) is not in effect");
    }

    private readonly record struct GcFigures(long AllocatedBytes, long Collections)
    {
        public static GcFigures Read(string metrics) => new(
            long.Parse(AllocatedLine().Match(metrics).Groups["value"].Value, CultureInfo.InvariantCulture),
            CollectionsLine().Matches(metrics).Sum(match => long.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex(@"^dotnet_gc_heap_total_allocated_bytes_total\{[^}]*\} (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex AllocatedLine();

    // One line per generation, each counting the collections that generation was the oldest in.
    [GeneratedRegex(@"^dotnet_gc_collections_total\{[^}]*\} (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex CollectionsLine();
}
