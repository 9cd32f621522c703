using Mediator;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>
/// Stores one or more images under a product's prefix: all of them, or none. With
/// <paramref name="SkipIdentical"/>, a file whose name and SHA-256 are stored already is skipped rather
/// than refused, so that a bulk upload can be run again after a failure.
/// </summary>
public sealed record UploadProductImagesCommand(
    int ProductId, IReadOnlyList<ImageUpload> Files, bool Overwrite = false, bool SkipIdentical = false)
    : ICommand<UploadProductImagesResult>;
