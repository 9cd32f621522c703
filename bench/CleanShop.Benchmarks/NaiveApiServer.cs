using System.Runtime.InteropServices;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Infrastructure.Images;
using Microsoft.Extensions.Options;
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
                .ConfigureTestServices(services =>
                {
                    services.AddSingleton<IImageStorage>(sp => new UncachedImageStorage(
                        sp.GetRequiredService<ImageStorage>(), sp.GetRequiredService<IImageStore>(), sp.GetRequiredService<IOptions<ImageOptions>>().Value));
                });
    }

    /// <summary>Reads list and sign every time; everything else is the real storage.</summary>
    private sealed class UncachedImageStorage(ImageStorage real, IImageStore store, ImageOptions options) : IImageStorage
    {
        public async ValueTask<ProductImageSet> GetImagesAsync(int productId, CancellationToken cancellationToken) =>
            ImageSet.Sign(store, productId, await store.ListProductAsync(productId, background: false, cancellationToken), version: 0, options, DateTimeOffset.UtcNow).Fresh;

        public async ValueTask<IReadOnlyList<ProductImageSet>> GetImagesAsync(IReadOnlyList<int> productIds, CancellationToken cancellationToken)
        {
            var sets = new ProductImageSet[productIds.Count];
            for (var i = 0; i < sets.Length; i++)
                sets[i] = await GetImagesAsync(productIds[i], cancellationToken);
            return sets;
        }

        public Task<IReadOnlyList<StoredImage>> ListStoredAsync(int productId, CancellationToken cancellationToken) => real.ListStoredAsync(productId, cancellationToken);

        public Task<StoredImage?> FindAsync(int productId, string filename, CancellationToken cancellationToken) => real.FindAsync(productId, filename, cancellationToken);

        public Task UploadAsync(int productId, string filename, Stream content, string contentType, string? sha256, CancellationToken cancellationToken) =>
            real.UploadAsync(productId, filename, content, contentType, sha256, cancellationToken);

        public Task AdoptStagedAsync(string uploadId, int productId, string filename, string contentType, string sha256, CancellationToken cancellationToken) => real.AdoptStagedAsync(uploadId, productId, filename, contentType, sha256, cancellationToken);
        public Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken) => real.DeleteAsync(productId, filename, cancellationToken);

        public Task DeleteAllAsync(int productId, CancellationToken cancellationToken) => real.DeleteAllAsync(productId, cancellationToken);

        public ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken) => real.InvalidateAsync(productId, cancellationToken);

        public ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken) => real.InvalidateAllAsync(cancellationToken);
    }
}
