using CleanShop.Application.Images;

namespace CleanShop.IntegrationTests.Support;

/// <summary>The real S3 storage, with a count of the calls that cross the boundary. It changes nothing else.</summary>
public sealed class CountingImageStorage(IImageStorage inner) : IImageStorage
{
    private int _lists;

    public int Lists => Volatile.Read(ref _lists);

    public Task<IReadOnlyList<StoredImage>> ListAsync(int productId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        return inner.ListAsync(productId, cancellationToken);
    }

    public Task<StoredImage?> FindAsync(int productId, string filename, CancellationToken cancellationToken) =>
        inner.FindAsync(productId, filename, cancellationToken);

    public Task UploadAsync(int productId, string filename, Stream content, string contentType, CancellationToken cancellationToken) =>
        inner.UploadAsync(productId, filename, content, contentType, cancellationToken);

    public Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken) =>
        inner.DeleteAsync(productId, filename, cancellationToken);

    public Task DeleteAllAsync(int productId, CancellationToken cancellationToken) =>
        inner.DeleteAllAsync(productId, cancellationToken);

    public string PresignGet(string key, DateTimeOffset expiresAt) => inner.PresignGet(key, expiresAt);
}
