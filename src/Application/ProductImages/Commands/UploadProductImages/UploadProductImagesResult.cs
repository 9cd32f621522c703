using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.Products;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>Every file's verdict, in the order of the files, and the images written, with their URLs (none in a dry run).</summary>
public sealed record UploadProductImagesResult(IReadOnlyList<ImageUploadCheck> Files, IReadOnlyList<ImageResponse> Uploaded);
