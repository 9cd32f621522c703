using System.Runtime.InteropServices;
using CleanShop.Application.Images;
using CleanShop.Domain.Products;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace CleanShop.Benchmarks;

/// <summary>
/// The real API (same Program, pipeline and settings) with one service swapped: image sets are listed
/// and presigned on every request, as a service without the cache would. A bench-only switch: it
/// exists in this project only, never as a production setting.
/// </summary>
public static class NaiveApiServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(CeilingServer.Argument(args, "--urls") ?? throw new ArgumentException("--urls URL is required"));
        await using var factory = new NaiveApiFactory();
        factory.UseKestrel(url.Port);
        factory.StartServer();
        Console.WriteLine($"naive API listening on {url}");
        var stopped = new TaskCompletionSource();
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stopped.Task;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // shut down here, in order, rather than by the runtime's default
            stopped.TrySetResult();
        }
        return 0;
    }

    private sealed class NaiveApiFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder
                .UseContentRoot(AppContext.BaseDirectory) // the API's appsettings are copied beside this assembly
                .ConfigureTestServices(services => services.AddScoped<IProductImages, UncachedProductImages>());
    }

    private sealed class UncachedProductImages(IImageStorage storage, TimeProvider clock) : IProductImages
    {
        public async ValueTask<IReadOnlyList<ProductImage>> GetAsync(int productId, CancellationToken cancellationToken)
        {
            var objects = await storage.ListAsync(productId, cancellationToken);
            var now = clock.GetUtcNow();
            var expiresAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddHours(1);
            return objects.Select(o => new ProductImage(o.Key, o.Filename, storage.PresignGet(o.Key, expiresAt), expiresAt)).ToArray();
        }

        public ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);
    }
}
