using CleanShop.Application.Products;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImage;

/// <summary>
/// Stores one or more images under a product's prefix: all of them, or none. With
/// <paramref name="SkipIdentical"/>, a file whose name and bytes are stored already is skipped rather
/// than refused, so that a bulk upload can be run again after a failure.
/// </summary>
public sealed record UploadProductImageCommand(
    int ProductId, IReadOnlyList<ImageUpload> Files, bool Overwrite = false, bool SkipIdentical = false)
    : ICommand<UploadProductImageResult>;

/// <summary>A file to upload, from any source (an HTTP form, a folder). <paramref name="OpenRead"/> may be called more than once.</summary>
public sealed record ImageUpload(string FileName, long Length, Func<Stream> OpenRead);

/// <summary>The images stored, with their URLs, and the names skipped as identical.</summary>
public sealed record UploadProductImageResult(IReadOnlyList<ImageResponse> Uploaded, IReadOnlyList<string> Skipped);
