using System.Diagnostics.Metrics;
using System.Net;
using CleanShop.Infrastructure.Telemetry;
using CleanShop.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CleanShop.IntegrationTests.Variants;

/// <summary>A backlog of originals held at S3 (their downloads wait at a gate in a proxy before the emulator).</summary>
public sealed class VariantBacklogTests
{
    [Fact]
    public async Task While_a_backlog_waits_the_instance_stays_ready_pending_counts_it_and_reads_answer_with_every_image_then_it_drains_to_zero()
    {
        await using var proxy = await S3FaultProxy.StartAsync();
        await using var api = new CleanShopApiFactory();
        api.UsePrivateS3(proxy.Url);
        api.Settings["ImageStorage:RequestTimeout"] = "00:01:00"; // a held download waits for the gate, not for a timeout
        api.Settings["ImageVariants:Enabled"] = "true";
        api.Settings["ImageVariants:Concurrency"] = "1";
        await api.InitializeAsync();
        var pending = new MetricCollector<long>(api.Services.GetRequiredService<IMeterFactory>(), CatalogMetrics.MeterName, "cleanshop.image_variants.pending");
        var gate = new S3Gate();
        proxy.Inject(S3Fault.HoldAt(gate), IsDownloadOfAnOriginal);
        var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        var files = Enumerable.Range(1, 4).Select(n => ($"{n}.png", ImageVariantTests.Picture(400 + n, 300, "png"))).ToArray();

        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, files)).StatusCode);
        await gate.Arrived;

        // One original is being made (held at S3), the other three wait in the queue.
        pending.RecordObservableInstruments();
        Assert.True(pending.LastMeasurement!.Value >= 3, $"pending: {pending.LastMeasurement.Value}");
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var product = await client.GetJsonObjectAsync($"/api/products/{id}?variants=all");
        Assert.Equal(files.Select(f => f.Item1), product.Filenames());
        Assert.All(product["images"]!.AsArray(), image => Assert.Empty(image!["variants"]!.AsObject()));

        gate.Open();
        await Eventually.HoldsAsync("every image served with its three variants", async () =>
            (await client.GetJsonObjectAsync($"/api/products/{id}?variants=all"))["images"]!.AsArray().All(i => i!["variants"]!.AsObject().Count == 3), TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync("nothing pending", () =>
        {
            pending.RecordObservableInstruments();
            return Task.FromResult(pending.LastMeasurement!.Value == 0);
        });
    }

    private static bool IsDownloadOfAnOriginal(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !S3Operations.IsList(request) && !request.Path.Value!.Contains("/variants/", StringComparison.Ordinal);
}
