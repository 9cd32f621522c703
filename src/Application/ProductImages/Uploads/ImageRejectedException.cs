namespace CleanShop.Application.ProductImages.Uploads;

/// <summary>A file of an upload was refused for what it holds; nothing of that upload was written.</summary>
public sealed class ImageRejectedException(ImageRejection reason, string filename, string message) : Exception(message)
{
    public ImageRejection Reason { get; } = reason;
    public string Filename { get; } = filename;
}
