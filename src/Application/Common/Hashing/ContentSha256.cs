using System.Security.Cryptography;

namespace CleanShop.Application.Common.Hashing;

/// <summary>
/// What "the same content" means everywhere: the same SHA-256, written as 64 lowercase hex digits. The store
/// keeps it with every object this service writes; an S3 ETag is not a content hash (multipart uploads, SSE-KMS).
/// </summary>
public static class ContentSha256
{
    public static async Task<string> ComputeAsync(Stream content, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));

    /// <summary>The value as this service writes it, or null when it is not a SHA-256 in hex (someone else's metadata).</summary>
    public static string? Parse(string? value) =>
        value is { Length: 64 } && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;
}
