using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace CleanShop.Benchmarks;

/// <summary>
/// What the background sweep costs and how soon it shows a change made behind the API's back, read from the API's
/// own /metrics and its answers: extra objects are put under products the catalog does not have, two whole sweeps
/// are counted, then a second S3 client puts an image under a real product and the probe polls until the API lists it.
/// Everything it put is deleted again: the bucket is the local stack's.
/// </summary>
public static class CoherenceProbe
{
    private const int ExtraProducts = 500;
    private const int ObjectsPerProduct = 4;

    public static async Task<int> RunAsync(string[] args)
    {
        var api = new Uri(CeilingServer.Argument(args, "--api") ?? throw new ArgumentException("--api URL is required"));
        var bucket = CeilingServer.Argument(args, "--bucket") ?? "product-image-collection";
        var product = CeilingServer.Argument(args, "--product") ?? "1";
        using var http = new HttpClient { BaseAddress = api };
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
        {
            ServiceURL = Environment.GetEnvironmentVariable("ImageStorage__ServiceUrl") ?? "http://127.0.0.1:4566",
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

        var extraKeys = Enumerable.Range(900_001, ExtraProducts)
            .SelectMany(id => Enumerable.Range(1, ObjectsPerProduct).Select(n => $"{id}/{n}.png")).ToArray();
        var png = await File.ReadAllBytesAsync(CeilingServer.Argument(args, "--image") ?? throw new ArgumentException("--image FILE is required"));
        try
        {
            await Parallel.ForEachAsync(extraKeys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, ct) =>
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(png) }, ct));

            // One whole sweep after the objects landed: from the end of the next sweep to the end of the one after.
            var sweeps = await MetricAsync(http, "cleanshop_image_index_sweeps_total", "result=\"ok\"");
            await WaitForSweepAsync(http, sweeps + 1);
            var (pages, objects) = (await MetricAsync(http, "cleanshop_image_index_sweep_pages_total"), await MetricAsync(http, "cleanshop_image_index_sweep_objects_total"));
            await WaitForSweepAsync(http, sweeps + 2);
            Console.WriteLine($"sweep_lists {await MetricAsync(http, "cleanshop_image_index_sweep_pages_total") - pages}");
            Console.WriteLine($"sweep_objects {await MetricAsync(http, "cleanshop_image_index_sweep_objects_total") - objects}");

            // A second S3 client puts an image under a real product; how long until the API lists it?
            var key = $"{product}/out-of-band-{Guid.NewGuid():N}.png";
            var watch = Stopwatch.StartNew();
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(png) });
            while (!(await http.GetStringAsync($"/api/products/{product}")).Contains(key, StringComparison.Ordinal))
            {
                if (watch.Elapsed > TimeSpan.FromMinutes(2))
                    throw new TimeoutException("the out-of-band put was not listed within 2 minutes");
                await Task.Delay(10);
            }

            Console.WriteLine($"out_of_band_visible_ms {watch.ElapsedMilliseconds}");
            await s3.DeleteObjectAsync(bucket, key);
        }
        finally
        {
            foreach (var batch in extraKeys.Chunk(1000))
                await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = [.. batch.Select(k => new KeyVersion { Key = k })] });
        }

        return 0;
    }

    private static async Task WaitForSweepAsync(HttpClient http, long sweeps)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (await MetricAsync(http, "cleanshop_image_index_sweeps_total", "result=\"ok\"") < sweeps)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("no sweep finished within 2 minutes");
            await Task.Delay(50);
        }
    }

    /// <summary>The sum of a Prometheus counter's series on /metrics, optionally only those with a label.</summary>
    internal static async Task<long> MetricAsync(HttpClient http, string name, string? label = null)
    {
        var metrics = await http.GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && (label is null || line.Contains(label, StringComparison.Ordinal)))
            .Select(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
    }
}
