namespace CleanShop.Application.Common.Interfaces;

/// <summary>An object as the store describes it. A listing carries no content type: only a look at the object itself does.</summary>
/// <param name="Sha256">The content's SHA-256 as this service stored it with the object (see <see cref="Hashing.ContentSha256"/>); null in listings and for objects other tools wrote.</param>
public sealed record StoredImage(string Key, string Filename, long Size, string? ContentType, DateTimeOffset LastModified, string? ETag, string? Sha256 = null);
