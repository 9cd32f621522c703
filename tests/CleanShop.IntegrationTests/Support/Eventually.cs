using System.Diagnostics;
using Xunit.Sdk;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// Waits for something another mechanism makes true (a backplane message, a sweep, a reconnect, a lease running out),
/// asking again every 20 ms, and fails naming it when it does not hold within the bound. The bound is generous on
/// purpose: how long it took is build/bench's to measure, and a test only prints it.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(20);

    /// <summary>How long <paramref name="condition"/> took to hold.</summary>
    public static async Task<TimeSpan> HoldsAsync(string what, Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var bound = within ?? DefaultBound;
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > bound)
                throw new XunitException($"Not within {bound.TotalSeconds:0.#} s: {what}");
            await Task.Delay(20);
        }

        return watch.Elapsed;
    }

    public static Task<TimeSpan> HoldsAsync(string what, Func<bool> condition, TimeSpan? within = null) =>
        HoldsAsync(what, () => Task.FromResult(condition()), within);
}
