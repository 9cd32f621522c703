using CleanShop.Application.Products;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>The images stored, with their URLs, and the names skipped as identical.</summary>
public sealed record UploadProductImagesResult(IReadOnlyList<ImageResponse> Uploaded, IReadOnlyList<string> Skipped);
