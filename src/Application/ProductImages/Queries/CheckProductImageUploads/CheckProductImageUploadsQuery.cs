using CleanShop.Application.ProductImages.Commands.UploadProductImage;
using Mediator;

namespace CleanShop.Application.ProductImages.Queries.CheckProductImageUploads;

/// <summary>
/// Judges every file of an upload by the rules <see cref="UploadProductImageCommand"/> applies, without
/// writing anything, and says for each what an upload would do with it. It lets a client check a whole
/// batch before it sends the first file, and name every bad file rather than the first one.
/// </summary>
public sealed record CheckProductImageUploadsQuery(int ProductId, IReadOnlyList<ImageUpload> Files, bool Overwrite = false)
    : IQuery<IReadOnlyList<ImageUploadCheck>>;

public enum ImageUploadVerdict
{
    /// <summary>No image of that name yet: it would be stored.</summary>
    New,

    /// <summary>An image of that name and the same bytes is stored: it would be skipped.</summary>
    Identical,

    /// <summary>An image of that name and other bytes is stored, and overwrite was asked: it would be replaced.</summary>
    Replaces,

    /// <summary>An image of that name and other bytes is stored, and overwrite was not asked: refused.</summary>
    Exists,

    /// <summary>The name is not allowed (a path separator, "..", control characters, empty, too long): refused.</summary>
    InvalidName,

    /// <summary>Another file of the same upload has the same name: refused.</summary>
    DuplicateName,

    /// <summary>Over the size limit: refused.</summary>
    TooLarge,

    /// <summary>Empty, or not the bytes of an allowed image format: refused.</summary>
    NotAnImage,
}

/// <param name="FileName">The name as given.</param>
/// <param name="Name">The name it would be stored under; null when the name is not allowed.</param>
/// <param name="ContentType">The content type judged from its bytes; null when they are no allowed image.</param>
/// <param name="Reason">Why the file is refused or skipped; null when it would be stored.</param>
public sealed record ImageUploadCheck(string FileName, string? Name, ImageUploadVerdict Verdict, string? ContentType, string? Reason)
{
    /// <summary>An upload of the file would succeed (storing it or skipping it as identical).</summary>
    public bool IsAccepted => Verdict is ImageUploadVerdict.New or ImageUploadVerdict.Identical or ImageUploadVerdict.Replaces;

    /// <summary>An upload of the file would write it.</summary>
    public bool WouldWrite => Verdict is ImageUploadVerdict.New or ImageUploadVerdict.Replaces;
}
