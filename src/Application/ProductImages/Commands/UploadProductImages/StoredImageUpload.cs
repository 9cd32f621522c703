namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>One file of an upload that is in the store now: written by this upload, or skipped as identical.</summary>
/// <param name="Name">The name it is stored under.</param>
public sealed record StoredImageUpload(string Name, bool Skipped);
