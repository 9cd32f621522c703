namespace CleanShop.Application.ProductImages.Uploads;

/// <summary>The verdict on one file of an upload.</summary>
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
