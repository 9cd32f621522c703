namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>A file to upload, from any source (an HTTP form, a folder, an object a browser staged in S3).</summary>
/// <param name="OpenRead">Opens its bytes; may be called more than once. Null for a file only declared so far (a direct
/// upload not yet posted): its name, size and store are judged, its content once it arrives.</param>
/// <param name="Sha256">The SHA-256 its sender declared; a file whose bytes hash otherwise is refused.</param>
public sealed record ImageUpload(string FileName, long Length, Func<Stream>? OpenRead, string? Sha256 = null);
