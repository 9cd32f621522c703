namespace CleanShop.Application.ProductImages.Uploads;

/// <summary>
/// An upload refused before anything was written, with every file's verdict: hosts name each refused file (the
/// command line) or answer with the first refusal's status (the API's one map from verdict to problem details).
/// </summary>
public sealed class ImageUploadRefusedException(IReadOnlyList<ImageUploadCheck> files)
    : Exception(files.First(f => f.IsRefused).Reason)
{
    public IReadOnlyList<ImageUploadCheck> Files { get; } = files;

    public IEnumerable<ImageUploadCheck> Refused => Files.Where(f => f.IsRefused);

    /// <summary>A file refused before it was read whole (a form part over the size limit).</summary>
    public static ImageUploadRefusedException TooLarge(string fileName, string reason) =>
        new([new ImageUploadCheck(fileName, null, ImageUploadVerdict.TooLarge, null, reason)]);
}
