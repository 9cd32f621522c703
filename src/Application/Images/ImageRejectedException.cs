namespace CleanShop.Application.Images;

public enum ImageRejection
{
    /// <summary>Over the size limit: 413.</summary>
    TooLarge,

    /// <summary>The bytes are not an allowed image: 415.</summary>
    NotAnImage,

    /// <summary>The header declares more pixels than <see cref="ImageUploadOptions.MaxPixels"/>: 422.</summary>
    TooManyPixels,
}

/// <summary>A file of an upload was refused for what it holds; nothing of that upload was written.</summary>
public sealed class ImageRejectedException(ImageRejection reason, string filename, string message) : Exception(message)
{
    public ImageRejection Reason { get; } = reason;
    public string Filename { get; } = filename;
}
