using System.Runtime.CompilerServices;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using CleanShop.Infrastructure.Images;

namespace CleanShop.UnitTests.Infrastructure;

/// <summary>
/// A bucket in memory that counts its listings: the boundary the image cache policy talks to. A listing takes its
/// snapshot when it starts, then runs <see cref="BeforeListReturns"/> (to hold it, fail it or hang it), as a slow S3 would.
/// </summary>
internal sealed class CountingImageStore(TimeProvider clock) : IImageStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, StoredImage> _objects = new(StringComparer.Ordinal);
    private int _lists;
    private int _signatures;

    /// <summary>Listings started so far.</summary>
    public int Lists => Volatile.Read(ref _lists);

    /// <summary>Runs in each listing after its snapshot is taken, with the listing's number (1 for the first).</summary>
    public Func<int, CancellationToken, Task>? BeforeListReturns { get; set; }

    /// <summary>Names whose URLs the store signs for this much less than asked, as a store whose clock runs ahead would.</summary>
    public Dictionary<string, TimeSpan> SignedShorter { get; } = [];

    public void Put(int productId, string filename)
    {
        lock (_gate)
            _objects[$"{productId}/{filename}"] = new StoredImage($"{productId}/{filename}", filename, 1, "image/png", clock.GetUtcNow(), "\"e\"");
    }

    public async Task<IReadOnlyList<StoredImage>> ListProductAsync(int productId, bool background, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _lists);
        StoredImage[] snapshot;
        lock (_gate)
            snapshot = _objects.Values.Where(o => o.Key.StartsWith($"{productId}/", StringComparison.Ordinal)).ToArray();
        if (BeforeListReturns is { } hook)
            await hook(number, cancellationToken);
        return snapshot;
    }

    public async IAsyncEnumerable<IReadOnlyList<(int ProductId, StoredImage Image)>> ListBucketAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        (int, StoredImage)[] page;
        lock (_gate)
            page = _objects.Values.Select(o => (int.Parse(o.Key.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture), o)).ToArray();
        yield return page;
    }

    public ProductImage Sign(StoredImage image, TimeSpan lifetime) =>
        new(image.Key, image.Filename, $"https://store.test/{image.Key}?signature={Interlocked.Increment(ref _signatures)}",
            clock.GetUtcNow() + lifetime - SignedShorter.GetValueOrDefault(image.Filename));

    public Task<StoredImage?> HeadAsync(int productId, string filename, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_objects.GetValueOrDefault($"{productId}/{filename}"));
    }

    public Task PutAsync(int productId, string filename, Stream content, string contentType, string? sha256, CancellationToken cancellationToken)
    {
        Put(productId, filename);
        return Task.CompletedTask;
    }

    public Task CopyAsync(string sourceKey, int productId, string filename, string contentType, string sha256, CancellationToken cancellationToken)
    {
        Put(productId, filename);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken)
    {
        lock (_gate)
            _objects.Remove($"{productId}/{filename}");
        return Task.CompletedTask;
    }

    public Task DeleteAllAsync(int productId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var key in _objects.Keys.Where(k => k.StartsWith($"{productId}/", StringComparison.Ordinal)).ToArray())
                _objects.Remove(key);
        }

        return Task.CompletedTask;
    }
}
