namespace CleanShop.Application.Images;

/// <summary>
/// The object store that holds product images, one prefix per product (<c>{productId}/{filename}</c>).
/// It is the source of truth for which images a product has. Implementations report an unreachable
/// store as <see cref="Common.Exceptions.DependencyUnavailableException"/>.
/// </summary>
public interface IImageStorage
{
    /// <summary>The objects directly under the product's prefix, ordered by key; folder markers and nested keys are left out.</summary>
    Task<IReadOnlyList<StoredImage>> ListAsync(int productId, CancellationToken cancellationToken);

    /// <summary>One object's metadata, or null when it does not exist.</summary>
    Task<StoredImage?> FindAsync(int productId, string filename, CancellationToken cancellationToken);

    Task UploadAsync(int productId, string filename, Stream content, string contentType, CancellationToken cancellationToken);

    Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken);

    Task DeleteAllAsync(int productId, CancellationToken cancellationToken);

    /// <summary>A URL that lets anyone GET the object until <paramref name="expiresAt"/>. Pure computation: no request is sent.</summary>
    string PresignGet(string key, DateTimeOffset expiresAt);
}

/// <summary>An object as the store describes it.</summary>
/// <param name="Sha256">The content's SHA-256 as this service stored it with the object (see <see cref="Common.Hashing.ContentSha256"/>); null in listings and for objects other tools wrote.</param>
public sealed record StoredImage(string Key, string Filename, long Size, string? ContentType, DateTimeOffset LastModified, string? ETag, string? Sha256 = null);
