namespace CleanShop.Application.ProductImages.Uploads;

/// <summary>What an upload does with one file (see <see cref="ImageUploadPlan"/>).</summary>
public enum ImageUploadVerdict
{
    /// <summary>No image of that name yet: it would be stored.</summary>
    New,

    /// <summary>An image of that name with the same SHA-256 is stored: it would be skipped.</summary>
    Identical,

    /// <summary>An image of that name is stored, not known to hold the same bytes, and overwrite was asked: it would be replaced.</summary>
    Replaces,

    /// <summary>An image of that name is stored and overwrite was not asked (nor, for an all-or-none upload, the same bytes to skip): refused.</summary>
    Exists,

    /// <summary>The name is not allowed (a path separator, "..", control characters, empty, too long): refused.</summary>
    InvalidName,

    /// <summary>Another file of the same upload has the same name: refused.</summary>
    DuplicateName,

    /// <summary>Over the size limit: refused.</summary>
    TooLarge,

    /// <summary>Empty, or not the bytes of an allowed image format: refused.</summary>
    NotAnImage,

    /// <summary>Not an image, in an upload that skips non-images (a folder's other files): neither stored nor refused.</summary>
    NotAnImageSkipped,

    /// <summary>The bytes' SHA-256 is not the one their sender declared (a direct upload): refused.</summary>
    Sha256Mismatch,

    /// <summary>The header declares more pixels than the limit (a decompression bomb): refused.</summary>
    TooManyPixels,
}
