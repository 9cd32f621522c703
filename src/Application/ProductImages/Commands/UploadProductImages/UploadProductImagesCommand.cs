using Mediator;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>
/// Stores one or more images under a product's prefix, all of them or none. A <paramref name="Resumable"/>
/// upload (the command line's) differs in two ways, so that running it again after a failure finishes the
/// job: a file whose name and SHA-256 are stored already is skipped rather than refused, and the files stored
/// before a failure stay (each lands whole or not at all). <paramref name="OnStored"/> hears of each file as it
/// is stored or skipped, in the order of the files, before the next one is sent.
/// </summary>
public sealed record UploadProductImagesCommand(
    int ProductId, IReadOnlyList<ImageUpload> Files, bool Overwrite = false, bool Resumable = false,
    Action<StoredImageUpload>? OnStored = null)
    : ICommand<UploadProductImagesResult>;
