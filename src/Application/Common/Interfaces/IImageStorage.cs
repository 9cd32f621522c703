namespace CleanShop.Application.Common.Interfaces;

/// <summary>
/// The product images port: each product's images with presigned URLs, and the staff's writes. Images live
/// in an object store, one prefix per product (<c>{productId}/{filename}</c>), which is the source of truth.
/// How the answers are cached and kept coherent across instances is the implementation's business, in one place;
/// a write through this port is seen by every instance's next read, so handlers have nothing to invalidate.
/// </summary>
public interface IImageStorage
{
    /// <summary>
    /// The product's images, ordered by key, each URL valid for at least the refresh buffer. Never fails because
    /// the store is down: the answer is then <see cref="ProductImageSet.Degraded"/>, with what is still valid.
    /// </summary>
    ValueTask<ProductImageSet> GetImagesAsync(int productId, CancellationToken cancellationToken);

    /// <summary>The images of several products at once (a list page), in the order asked.</summary>
    ValueTask<IReadOnlyList<ProductImageSet>> GetImagesAsync(IReadOnlyList<int> productIds, CancellationToken cancellationToken);

    /// <summary>The objects under the product's prefix as the store describes them now, with their metadata; never cached.</summary>
    Task<IReadOnlyList<StoredImage>> ListStoredAsync(int productId, CancellationToken cancellationToken);

    /// <summary>One object's metadata, asked of the store now, or null when it does not exist.</summary>
    Task<StoredImage?> FindAsync(int productId, string filename, CancellationToken cancellationToken);

    /// <summary>Stores the object with its SHA-256 (<paramref name="sha256"/> when the caller knows it already, else computed).</summary>
    Task UploadAsync(int productId, string filename, Stream content, string contentType, string? sha256, CancellationToken cancellationToken);

    /// <summary>Copies a staged direct upload (<see cref="IImageUploadStaging"/>) to the product's prefix, with its content type and SHA-256; one write, as an upload is.</summary>
    Task AdoptStagedAsync(string uploadId, int productId, string filename, string contentType, string sha256, CancellationToken cancellationToken);

    Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken);

    /// <summary>Deletes every object under the product's prefix, nested keys too.</summary>
    Task DeleteAllAsync(int productId, CancellationToken cancellationToken);

    /// <summary>Forgets the product's cached images in every instance; false when the other instances could not be told.</summary>
    ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken);

    /// <summary>Forgets every product's cached images in every instance; false when the other instances could not be told.</summary>
    ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken);
}
