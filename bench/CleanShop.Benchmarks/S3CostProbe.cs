using System.Globalization;

namespace CleanShop.Benchmarks;

/// <summary>
/// What the image path costs in S3 requests, read from the API's own /metrics counter
/// (cleanshop_s3_requests_total{operation="ListObjectsV2"}) around two workloads.
/// </summary>
public static class S3CostProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var api = new Uri(CeilingServer.Argument(args, "--api") ?? throw new ArgumentException("--api URL is required"));
        var reads = int.Parse(CeilingServer.Argument(args, "--reads") ?? "10000", CultureInfo.InvariantCulture);
        var warmProduct = CeilingServer.Argument(args, "--product") ?? "3";
        var coldProduct = CeilingServer.Argument(args, "--cold-product") ?? "4";
        var concurrency = int.Parse(CeilingServer.Argument(args, "--concurrency") ?? "200", CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = api };

        // N reads of one product within one cache window (it starts cold: the first read lists).
        var before = await ListRequestsAsync(http);
        const int Workers = 8;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            for (var i = worker; i < reads; i += Workers)
                (await http.GetAsync($"/api/products/{warmProduct}")).EnsureSuccessStatusCode();
        }));
        var perWindow = await ListRequestsAsync(http) - before;

        // Many concurrent requests for a product nobody has read yet.
        before = await ListRequestsAsync(http);
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await start.WaitAsync();
            (await http.GetAsync($"/api/products/{coldProduct}")).EnsureSuccessStatusCode();
        }).ToArray();
        start.Release(concurrency);
        await Task.WhenAll(requests);
        var cold = await ListRequestsAsync(http) - before;

        Console.WriteLine($"list_per_window {perWindow}");
        Console.WriteLine($"list_cold_concurrent {cold}");
        return 0;
    }

    private static async Task<long> ListRequestsAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("cleanshop_s3_requests_total{", StringComparison.Ordinal) && line.Contains("operation=\"ListObjectsV2\"", StringComparison.Ordinal))
            .Select(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
    }
}
