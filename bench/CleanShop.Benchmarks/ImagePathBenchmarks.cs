using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CleanShop.Application.Common.Serialization;
using CleanShop.Application;
using CleanShop.Application.Images;
using CleanShop.Application.Products;
using CleanShop.Domain.Products;
using CleanShop.Infrastructure;
using Microsoft.Extensions.Caching.Hybrid;

namespace CleanShop.Benchmarks;

/// <summary>
/// The pieces of the cached read path, one by one, with their allocations. Needs Redis and the S3
/// emulator's settings (build/bench exports them): the presign is computed locally, the L2 hit reads Redis.
/// </summary>
[MemoryDiagnoser]
public class ImagePathBenchmarks
{
    private static readonly HybridCacheEntryOptions RedisOnly = new() { Flags = HybridCacheEntryFlags.DisableLocalCache };
    private static readonly Func<CancellationToken, ValueTask<CachedImageSet>> NeverLoad =
        _ => throw new InvalidOperationException("the benchmark entry is missing");

    private static readonly string[] SampleNames = ["front.png", "side.png"];

    private ServiceProvider _services = null!;
    private IImageStorage _storage = null!;
    private HybridCache _cache = null!;
    private JsonSerializerOptions _json = null!;
    private Product _product = null!;
    private CachedImageSet _set = null!;
    private string _key = null!;
    private DateTimeOffset _expiresAt;

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
        _cache = _services.GetRequiredService<HybridCache>();
        _json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonContract.Apply(_json);

        var now = DateTimeOffset.UtcNow;
        _expiresAt = now.AddHours(1);
        _product = Product.Create("Pip the Penguin", "A round little penguin in soft cotton yarn, 12 cm tall.", 25m, Category.Animal, true, true, now);
        var images = SampleNames
            .Select(name => new ProductImage($"1/{name}", name, _storage.PresignGet($"1/{name}", _expiresAt), _expiresAt))
            .ToArray();
        _set = new CachedImageSet(images, now.AddMinutes(55), Degraded: false);
        _key = "product-images:1";
        await _cache.SetAsync(_key, _set);
    }

    [GlobalCleanup]
    public void CleanUp() => _services.Dispose();

    [Benchmark(Description = "presign one URL")]
    public string PresignOneUrl() => _storage.PresignGet("1/front.png", _expiresAt);

    [Benchmark(Description = "build + serialize one product response from a cached set")]
    public byte[] BuildProductResponse() =>
        JsonSerializer.SerializeToUtf8Bytes(ProductResponse.From(_product, _set.Images), _json);

    [Benchmark(Description = "HybridCache L1 (memory) hit")]
    public ValueTask<CachedImageSet> HybridCacheMemoryHit() => _cache.GetOrCreateAsync(_key, NeverLoad);

    [Benchmark(Description = "HybridCache L2 (Redis) hit")]
    public ValueTask<CachedImageSet> HybridCacheRedisHit() => _cache.GetOrCreateAsync(_key, NeverLoad, RedisOnly);
}
