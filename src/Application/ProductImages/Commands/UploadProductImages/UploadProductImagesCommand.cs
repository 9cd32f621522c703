using Mediator;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>
/// Stores one or more images under a product's prefix, as <paramref name="Mode"/> says, after judging every file by
/// one plan (names, contents, the store): one refused file and nothing is written, and
/// <see cref="Uploads.ImageUploadRefusedException"/> carries every file's verdict. <paramref name="SkipNonImages"/>
/// passes over files that are no images (a folder's other files) instead of refusing them. <paramref name="OnPlanned"/>
/// hears every file's verdict once, before the first is written; <paramref name="OnStored"/> hears of each file as it
/// is stored or skipped, in the order of the files, before the next one is sent.
/// </summary>
public sealed record UploadProductImagesCommand(
    int ProductId, IReadOnlyList<ImageUpload> Files, bool Overwrite = false, ImageUploadMode Mode = ImageUploadMode.AllOrNone,
    bool SkipNonImages = false, Action<IReadOnlyList<Uploads.ImageUploadCheck>>? OnPlanned = null, Action<StoredImageUpload>? OnStored = null)
    : ICommand<UploadProductImagesResult>;
