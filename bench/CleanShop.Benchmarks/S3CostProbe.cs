using System.Globalization;

namespace CleanShop.Benchmarks;

/// <summary>
/// What the image path costs in S3 requests that a client waited for, read from the API's own /metrics counter
/// (cleanshop_s3_requests_total{operation="ListObjectsV2",path="request"}) around two workloads. The background
/// sweep's calls (path="background") are not the requests' cost, and are left out.
/// </summary>
public static class S3CostProbe
{
    /// <summary>
    /// <c>warm --product P --reads N</c>: N reads of one product (request-path listings: 0 once the sweep has filled the
    /// cache); <c>cold --product P --concurrency C</c>: C concurrent reads of a product without a cached entry (1).
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var api = new Uri(CeilingServer.Argument(args, "--api") ?? throw new ArgumentException("--api URL is required"));
        var product = CeilingServer.Argument(args, "--product") ?? "3";
        using var http = new HttpClient { BaseAddress = api };
        var before = await ListRequestsAsync(http);
        if (args is ["warm", ..])
        {
            var reads = int.Parse(CeilingServer.Argument(args, "--reads") ?? "10000", CultureInfo.InvariantCulture);
            const int Workers = 8;
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
            {
                for (var i = worker; i < reads; i += Workers)
                    (await http.GetAsync($"/api/products/{product}")).EnsureSuccessStatusCode();
            }));
            Console.WriteLine($"list_per_window {await ListRequestsAsync(http) - before}");
            return 0;
        }

        var concurrency = int.Parse(CeilingServer.Argument(args, "--concurrency") ?? "200", CultureInfo.InvariantCulture);
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await start.WaitAsync();
            (await http.GetAsync($"/api/products/{product}")).EnsureSuccessStatusCode();
        }).ToArray();
        start.Release(concurrency);
        await Task.WhenAll(requests);
        Console.WriteLine($"list_cold_concurrent {await ListRequestsAsync(http) - before}");
        return 0;
    }

    /// <summary>Prints how many S3 calls requests have waited for so far, of any operation.</summary>
    public static async Task<int> PrintRequestPathCallsAsync(string[] args)
    {
        using var http = new HttpClient { BaseAddress = new Uri(CeilingServer.Argument(args, "--api") ?? throw new ArgumentException("--api URL is required")) };
        Console.WriteLine(await CoherenceProbe.MetricAsync(http, "cleanshop_s3_requests_total", "path=\"request\""));
        return 0;
    }

    private static async Task<long> ListRequestsAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("cleanshop_s3_requests_total{", StringComparison.Ordinal)
                && line.Contains("operation=\"ListObjectsV2\"", StringComparison.Ordinal) && line.Contains("path=\"request\"", StringComparison.Ordinal))
            .Select(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
    }
}
