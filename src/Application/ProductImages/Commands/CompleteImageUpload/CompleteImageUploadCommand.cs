using CleanShop.Application.Products;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.CompleteImageUpload;

/// <summary>
/// Completes a direct upload: the staged bytes are judged as an API upload of them would be (content, pixels, the
/// declared SHA-256, the store), then copied to the product's prefix, or refused; the staged object goes either way.
/// </summary>
public sealed record CompleteImageUploadCommand(int ProductId, string UploadId) : ICommand<ImageResponse>;
