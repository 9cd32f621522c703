namespace CleanShop.Application.ProductImages.Uploads;

public enum ImageRejection
{
    /// <summary>Over the size limit: 413.</summary>
    TooLarge,

    /// <summary>The bytes are not an allowed image: 415.</summary>
    NotAnImage,

    /// <summary>The header declares more pixels than <see cref="ImageUploadOptions.MaxPixels"/>: 422.</summary>
    TooManyPixels,
}
