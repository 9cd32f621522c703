using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CleanShop.Application.Common.Serialization;
using CleanShop.Application;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using CleanShop.Domain.Products;
using CleanShop.Infrastructure;
using CleanShop.Infrastructure.Images;
using Microsoft.Extensions.Caching.Hybrid;

namespace CleanShop.Benchmarks;

/// <summary>
/// The pieces of the cached read path, one by one, with their allocations. Needs Redis and the S3
/// emulator's settings (build/bench exports them): the presign is computed locally, the L2 hit reads Redis.
/// </summary>
[MemoryDiagnoser]
public class ImagePathBenchmarks
{
    private static readonly string[] SampleNames = ["front.png", "side.png"];

    private ServiceProvider _services = null!;
    private IImageStorage _storage = null!;
    private IImageStore _store = null!;
    private HybridCache _cache = null!;
    private JsonSerializerOptions _json = null!;
    private Product _product = null!;
    private ProductSnapshot _snapshot = null!;
    private CleanShop.Api.Http.ProductJson _productJson = null!;
    private ImageSet _set = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Redis"] = "127.0.0.1:56379",
                ["ImageStorage:ServiceUrl"] = "http://127.0.0.1:4566",
                ["ImageStorage:AccessKey"] = "S3RVER",
                ["ImageStorage:SecretKey"] = "S3RVER",
                ["Redis:KeyPrefix"] = $"cleanshop:bench:{Guid.NewGuid():N}:",
            })
            .AddEnvironmentVariables()
            .Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddMetrics() // the hosts get it from their builder; this container is built by hand
            .AddApplication()
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
        _storage = _services.GetRequiredService<IImageStorage>();
        _store = _services.GetRequiredService<IImageStore>();
        _cache = _services.GetRequiredService<HybridCache>();
        _json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonContract.Apply(_json);
        var http = new Microsoft.AspNetCore.Http.Json.JsonOptions();
        JsonContract.Apply(http.SerializerOptions);
        _productJson = new CleanShop.Api.Http.ProductJson(Microsoft.Extensions.Options.Options.Create(http));

        var now = DateTimeOffset.UtcNow;
        _product = Product.Create("Pip the Penguin", "A round little penguin in soft cotton yarn, 12 cm tall.", 25m, Category.Animal, true, true, now);
        _snapshot = ProductSnapshot.From(_product);
        var images = SampleNames
            .Select(name => new ProductImage($"1/{name}", name, _store.Sign(Stored(name), TimeSpan.FromHours(1)).Url, now.AddHours(1)))
            .ToArray();
        _set = new ImageSet(1, images, "bench", Version: 0, now.AddMinutes(55), Degraded: false);
        await _services.GetRequiredService<ImageStorage>().SetUnlessStaleAsync(_set, CancellationToken.None); // in this process's memory and in Redis
    }

    [GlobalCleanup]
    public void CleanUp() => _services.Dispose();

    [Benchmark(Description = "presign one URL")]
    public string PresignOneUrl() => _store.Sign(Stored("front.png"), TimeSpan.FromHours(1)).Url;

    private static StoredImage Stored(string name) => new($"1/{name}", name, 0, null, DateTimeOffset.UnixEpoch, null);

    /// <summary>Redis alone: the memory level is skipped, and nothing is loaded.</summary>
    private static readonly HybridCacheEntryOptions RedisOnly = new() { Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableUnderlyingData };

    [Benchmark(Description = "a cached product's answer (the same response, its kept bytes)")]
    public object CachedProductAnswer() => _productJson.Ok(ProductResponse.From(_snapshot, _set.Fresh));

    [Benchmark(Description = "build + serialize one product response (a product read again)")]
    public byte[] BuildProductResponse() =>
        JsonSerializer.SerializeToUtf8Bytes(ProductResponse.From(_product, _set.Fresh), _json);

    [Benchmark(Description = "image set from memory (the read path's hit)")]
    public ValueTask<ProductImageSet> MemoryHit() => _storage.GetImagesAsync(1, CancellationToken.None);

    [Benchmark(Description = "image set from Redis (HybridCache's shared level)")]
    public async Task<bool> RedisHit() =>
        await _cache.GetOrCreateAsync(ImageStorage.Key(1), static _ => ValueTask.FromResult<ImageSet?>(null), RedisOnly) is not null;
}
