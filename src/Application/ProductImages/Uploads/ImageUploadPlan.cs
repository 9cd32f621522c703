using CleanShop.Application.Common.Hashing;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Common.Validation;
using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using CleanShop.Domain.Images;

namespace CleanShop.Application.ProductImages.Uploads;

/// <summary>
/// The one place that decides what an upload does with each file, whichever route brought it (a form, a folder,
/// an object a browser staged in S3): its name (allowed, not twice in one upload), its content (size, an allowed
/// format, the pixels its header declares) and what the store holds under that name (nothing, the same SHA-256,
/// or something else).
/// </summary>
public static class ImageUploadPlan
{
    /// <summary>
    /// One verdict per file, in the order of the files. Names and contents are judged here, without the store; the
    /// store is asked (one HEAD per file) only when no file is refused, so a refused upload costs S3 nothing.
    /// </summary>
    public static async Task<IReadOnlyList<ImageUploadCheck>> DecideAsync(
        IImageStorage storage, UploadProductImagesCommand command, ImageUploadOptions limits, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var checks = new List<ImageUploadCheck>(command.Files.Count);
        foreach (var file in command.Files)
            checks.Add(NameCheck(file, names) ?? await ContentCheckAsync(file, command.SkipNonImages, limits, cancellationToken));
        if (checks.Any(c => c.IsRefused))
            return checks;

        for (var i = 0; i < checks.Count; i++)
        {
            if (checks[i].Verdict == ImageUploadVerdict.New)
                checks[i] = await StoreCheckAsync(storage, command, checks[i], command.Files[i], cancellationToken);
        }

        return checks;
    }

    private static ImageUploadCheck? NameCheck(ImageUpload file, HashSet<string> names)
    {
        if (ImageFileName.Normalize(file.FileName, out var error) is not { } name)
            return new(file.FileName, null, ImageUploadVerdict.InvalidName, null, $"'{ClientText.Printable(file.FileName)}': {error}");
        return names.Add(name)
            ? null
            : new(file.FileName, name, ImageUploadVerdict.DuplicateName, null, $"'{name}' is named twice in one upload.");
    }

    /// <summary>Within the size limit, not empty, the bytes of an allowed format, and no more pixels than the limit.</summary>
    private static async Task<ImageUploadCheck> ContentCheckAsync(ImageUpload file, bool skipNonImages, ImageUploadOptions limits, CancellationToken cancellationToken)
    {
        var name = ImageFileName.Normalize(file.FileName, out _)!;
        ImageUploadCheck Refused(ImageUploadVerdict verdict, string reason) => new(file.FileName, name, verdict, null, reason);
        if (file.Length > limits.MaxFileBytes)
            return Refused(ImageUploadVerdict.TooLarge, $"'{name}' is {file.Length} bytes; the limit is {limits.MaxFileBytes}.");
        if (file.Length == 0)
            return Refused(skipNonImages ? ImageUploadVerdict.NotAnImageSkipped : ImageUploadVerdict.NotAnImage, $"'{name}' is empty.");
        if (file.OpenRead is null)
            return new(file.FileName, name, ImageUploadVerdict.New, null, null, ContentSha256.Parse(file.Sha256)); // declared only: its bytes are judged once they arrive

        var header = new byte[ImageFormat.SignatureLength];
        int read;
        await using (var stream = file.OpenRead())
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (ImageFormat.Detect(header.AsSpan(0, read)) is not { } format)
        {
            return Refused(skipNonImages ? ImageUploadVerdict.NotAnImageSkipped : ImageUploadVerdict.NotAnImage,
                $"'{name}' is not a JPEG, PNG, GIF or WebP image (judged by its content, not its name).");
        }

        // A few bytes may declare billions of pixels (a decompression bomb): judged by the header, before anything is stored.
        ImageDimensions? dimensions;
        await using (var stream = file.OpenRead())
            dimensions = ImageDimensions.Read(stream, format);
        if (dimensions is { } declared && declared.Pixels > limits.MaxPixels)
            return Refused(ImageUploadVerdict.TooManyPixels, $"'{name}' declares {declared.Width} x {declared.Height} pixels; the limit is {limits.MaxPixels} pixels.");

        string? sha256 = null;
        if (file.Sha256 is { } promised)
        {
            await using (var stream = file.OpenRead())
                sha256 = await ContentSha256.ComputeAsync(stream, cancellationToken);
            if (sha256 != ContentSha256.Parse(promised))
                return Refused(ImageUploadVerdict.Sha256Mismatch, $"'{name}' has the SHA-256 {sha256}, not the {ClientText.Printable(promised)} declared for it.");
        }

        return new(file.FileName, name, ImageUploadVerdict.New, format.ContentType, null, sha256);
    }

    private static async Task<ImageUploadCheck> StoreCheckAsync(
        IImageStorage storage, UploadProductImagesCommand command, ImageUploadCheck check, ImageUpload file, CancellationToken cancellationToken)
    {
        var existing = await storage.FindAsync(command.ProductId, check.Name!, cancellationToken);
        if (existing is null)
            return check;
        var taken = $"Product {command.ProductId} has an image '{check.Name}' already";
        if (existing.Sha256 is not null && existing.Size == file.Length)
            check = check with { Sha256 = check.Sha256 ?? await Sha256Async(file, cancellationToken) };
        // Judged by the SHA-256 stored with the object. One without it (written by another tool) is taken as
        // different, never judged by its ETag: replacing it needs overwrite, and stores its hash.
        if (existing.Sha256 is not null && existing.Sha256 == check.Sha256)
        {
            return command.Mode != ImageUploadMode.AllOrNone ? check with { Verdict = ImageUploadVerdict.Identical, Reason = $"'{check.Name}' is stored already with the same bytes." }
                : command.Overwrite ? check with { Verdict = ImageUploadVerdict.Replaces }
                : check with { Verdict = ImageUploadVerdict.Exists, Reason = $"{taken}." };
        }

        return command.Overwrite
            ? check with { Verdict = ImageUploadVerdict.Replaces }
            : check with { Verdict = ImageUploadVerdict.Exists, Reason = $"{taken}, with other bytes." };
    }

    private static async Task<string?> Sha256Async(ImageUpload file, CancellationToken cancellationToken)
    {
        if (file.OpenRead is null)
            return ContentSha256.Parse(file.Sha256);
        await using var content = file.OpenRead();
        return await ContentSha256.ComputeAsync(content, cancellationToken);
    }
}
