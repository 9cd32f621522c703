using System.Diagnostics;
using System.Net.Sockets;
using CleanShop.Application.Common.Interfaces;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanShop.Benchmarks;

/// <summary>
/// How soon a write through one instance is seen by another: two API instances in this process (the real Program,
/// on the bench's PostgreSQL, S3 and Redis settings, with the sweep out of the way), one writing through its image
/// storage, the other read over HTTP until it lists the write. Then the same across a Redis blip: a private
/// redis-server is stopped, a write is made, Redis starts again, and the probe times from the moment it accepts
/// connections to the moment the other instance lists the write (FusionCache's auto-recovery at work).
/// </summary>
public static class InstancesProbe
{
    private const int Writes = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var product = int.Parse(CeilingServer.Argument(args, "--product") ?? "2", System.Globalization.CultureInfo.InvariantCulture);
        var png = await File.ReadAllBytesAsync(CeilingServer.Argument(args, "--image") ?? throw new ArgumentException("--image FILE is required"));

        var redis = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:56379";
        var seen = new List<double>();
        await using (var writer = new Instance(redis))
        await using (var reader = new Instance(redis))
        {
            // Both warm, and the product in the reader's memory: what is timed is the invalidation, not a first request.
            await writer.Storage.GetImagesAsync(product, CancellationToken.None);
            await reader.Client.GetStringAsync($"/api/products/{product}");
            for (var n = 0; n < Writes; n++)
                seen.Add((await WriteThenSeeAsync(writer, reader, product, $"probe-{n}.png", png, before: null)).TotalMilliseconds);
        }

        Console.WriteLine($"cross_instance_max_ms {seen.Max():0}");
        Console.WriteLine($"cross_instance_median_ms {seen.Order().ElementAt(seen.Count / 2):0}");

        var port = FreePort();
        using var server = StartRedis(port);
        await WaitUntilAsync(() => Accepts(port));
        await using (var writer = new Instance($"127.0.0.1:{port}"))
        await using (var reader = new Instance($"127.0.0.1:{port}"))
        {
            await writer.Storage.GetImagesAsync(product, CancellationToken.None);
            await reader.Client.GetStringAsync($"/api/products/{product}"); // in the reader's memory
            server.Kill();
            await server.WaitForExitAsync();
            var blip = await WriteThenSeeAsync(writer, reader, product, "probe-blip.png", png, before: async () =>
            {
                var again = StartRedis(port);
                await WaitUntilAsync(() => Accepts(port));
                return again;
            });
            Console.WriteLine($"redis_blip_seen_ms {blip.TotalMilliseconds:0}");
        }

        return 0;
    }

    /// <summary>
    /// Uploads through <paramref name="writer"/>, runs <paramref name="before"/> (if any) and times from its end until
    /// <paramref name="reader"/> lists the upload; then deletes it again.
    /// </summary>
    private static async Task<TimeSpan> WriteThenSeeAsync(Instance writer, Instance reader, int product, string name, byte[] png, Func<Task<Process>>? before)
    {
        await writer.Storage.UploadAsync(product, name, new MemoryStream(png), "image/png", null, CancellationToken.None);
        using var restarted = before is null ? null : await before();
        var watch = Stopwatch.StartNew();
        await WaitUntilAsync(async () => (await reader.Client.GetStringAsync($"/api/products/{product}")).Contains($"/{name}?", StringComparison.Ordinal));
        var seen = watch.Elapsed;
        await writer.Storage.DeleteAsync(product, name, CancellationToken.None);
        await WaitUntilAsync(async () => !(await reader.Client.GetStringAsync($"/api/products/{product}")).Contains($"/{name}?", StringComparison.Ordinal));
        if (restarted is not null)
            restarted.Kill();
        return seen;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
                throw new TimeoutException("not seen within a minute");
            await Task.Delay(2);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static Process StartRedis(int port) =>
        Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no") { RedirectStandardOutput = true })
        ?? throw new InvalidOperationException("redis-server did not start");

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One API instance in this process, on the given Redis, its sweep out of the way.</summary>
    private sealed class Instance(string redis) : WebApplicationFactory<Program>
    {
        private readonly string _redis = redis;

        public HttpClient Client => field ??= CreateClient();

        public IImageStorage Storage => Services.GetRequiredService<IImageStorage>();

        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder
                .UseContentRoot(AppContext.BaseDirectory)
                .ConfigureAppConfiguration(settings => settings.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Redis"] = _redis,
                    ["ImageIndex:SweepInterval"] = "00:10:00",
                    ["SampleData:Enabled"] = "false",
                }));
    }
}
