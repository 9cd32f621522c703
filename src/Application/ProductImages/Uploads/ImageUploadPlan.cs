using CleanShop.Application.Common.Hashing;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Common.Validation;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using CleanShop.Domain.Images;

namespace CleanShop.Application.ProductImages.Uploads;

/// <summary>
/// The one place that decides what an upload does with each file: its name (allowed, not twice in one
/// upload), its content (size, an allowed format) and what the store holds under that name (nothing, the
/// same SHA-256, or something else). The check query reports it, the upload command acts on it, the
/// command's validator refuses bad names with it before anything is read.
/// </summary>
public static class ImageUploadPlan
{
    /// <summary>One verdict per file, in the order of the files.</summary>
    public static async Task<IReadOnlyList<ImageUploadCheck>> DecideAsync(
        IImageStorage storage, int productId, IReadOnlyList<ImageUpload> files, bool overwrite, ImageUploadOptions limits, CancellationToken cancellationToken)
    {
        var checks = new List<ImageUploadCheck>(files.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            checks.Add(NameCheck(file, names) ?? await ContentAndStoreCheckAsync(
                storage, productId, file, ImageFileName.Normalize(file.FileName, out _)!, overwrite, limits, cancellationToken));
        }

        return checks;
    }

    /// <summary>The name problems of an upload, one message per refused file; nothing is read.</summary>
    public static IEnumerable<string> NameProblems(IReadOnlyList<ImageUpload> files)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        return files.Select(file => NameCheck(file, names)?.Reason).OfType<string>().ToList();
    }

    private static ImageUploadCheck? NameCheck(ImageUpload file, HashSet<string> names)
    {
        if (ImageFileName.Normalize(file.FileName, out var error) is not { } name)
            return new(file.FileName, null, ImageUploadVerdict.InvalidName, null, $"'{ClientText.Printable(file.FileName)}': {error}");
        return names.Add(name)
            ? null
            : new(file.FileName, name, ImageUploadVerdict.DuplicateName, null, $"'{name}' is named twice in one upload.");
    }

    private static async Task<ImageUploadCheck> ContentAndStoreCheckAsync(
        IImageStorage storage, int productId, ImageUpload file, string name, bool overwrite, ImageUploadOptions limits, CancellationToken cancellationToken)
    {
        ImageFormat format;
        try
        {
            format = await ImageUploadRules.CheckContentAsync(name, file.Length, file.OpenRead, limits.MaxFileBytes, limits.MaxPixels, cancellationToken);
        }
        catch (ImageRejectedException rejected)
        {
            var verdict = rejected.Reason switch
            {
                ImageRejection.TooLarge => ImageUploadVerdict.TooLarge,
                ImageRejection.TooManyPixels => ImageUploadVerdict.TooManyPixels,
                _ => ImageUploadVerdict.NotAnImage,
            };
            return new(file.FileName, name, verdict, null, rejected.Message);
        }

        var existing = await storage.FindAsync(productId, name, cancellationToken);
        if (existing is null)
            return new(file.FileName, name, ImageUploadVerdict.New, format.ContentType, null);
        if (await HoldsSameContentAsync(existing, file, cancellationToken))
            return new(file.FileName, name, ImageUploadVerdict.Identical, format.ContentType, $"'{name}' is stored already with the same bytes.");
        return overwrite
            ? new(file.FileName, name, ImageUploadVerdict.Replaces, format.ContentType, null)
            : new(file.FileName, name, ImageUploadVerdict.Exists, format.ContentType, $"Product {productId} has an image '{name}' already, with other bytes.");
    }

    /// <summary>
    /// The same SHA-256 as the one stored with the object. An object without it (written by another tool) is
    /// taken as different, never judged by its ETag: replacing it needs overwrite, and stores its hash.
    /// </summary>
    private static async Task<bool> HoldsSameContentAsync(StoredImage existing, ImageUpload file, CancellationToken cancellationToken)
    {
        if (existing.Sha256 is null || existing.Size != file.Length)
            return false;
        await using var content = file.OpenRead();
        return existing.Sha256 == await ContentSha256.ComputeAsync(content, cancellationToken);
    }
}
