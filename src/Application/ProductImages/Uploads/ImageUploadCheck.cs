namespace CleanShop.Application.ProductImages.Uploads;

/// <summary>The verdict on one file of an upload.</summary>
/// <param name="FileName">The name as given.</param>
/// <param name="Name">The name it would be stored under; null when the name is not allowed.</param>
/// <param name="ContentType">The content type judged from its bytes; null when they are no allowed image.</param>
/// <param name="Reason">Why the file is refused or skipped; null when it would be stored.</param>
/// <param name="Sha256">Its bytes' SHA-256 when judging it took one (comparing with the store, checking a declared one), so that storing it needs none.</param>
public sealed record ImageUploadCheck(string FileName, string? Name, ImageUploadVerdict Verdict, string? ContentType, string? Reason, string? Sha256 = null)
{
    /// <summary>The file stops the whole upload.</summary>
    public bool IsRefused => Verdict is not (ImageUploadVerdict.New or ImageUploadVerdict.Identical or ImageUploadVerdict.Replaces or ImageUploadVerdict.NotAnImageSkipped);

    /// <summary>An upload of the file writes it.</summary>
    public bool WouldWrite => Verdict is ImageUploadVerdict.New or ImageUploadVerdict.Replaces;
}
