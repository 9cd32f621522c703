namespace CleanShop.Application.Common.Interfaces;

/// <summary>An object as the store describes it. A listing carries no content type: only a look at the object itself does.</summary>
public sealed record StoredImage(string Key, string Filename, long Size, string? ContentType, DateTimeOffset LastModified, string? ETag);
