using CleanShop.Domain.Images;
using NetVips;

namespace CleanShop.Infrastructure.Variants;

/// <summary>A variant made: WebP bytes and their size in pixels.</summary>
internal sealed record MadeVariant(string Name, byte[] WebP, int Width, int Height);

/// <summary>Why an original yields no variant: named, so that it is counted and logged once, not retried.</summary>
internal sealed class VariantFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Makes the named variants of one original with libvips (NetVips): shrink-on-load, so a 12 MP JPEG is never decoded
/// whole for a thumbnail; EXIF orientation applied; never upscaled; metadata stripped. The pixel limit is read from
/// the header (<see cref="ImageDimensions"/>, the upload rule) before libvips sees a byte.
/// </summary>
internal static class VariantMaker
{
    public static IReadOnlyList<MadeVariant> Make(string originalPath, IReadOnlyDictionary<string, ImageVariantSpec> variants, long maxPixels)
    {
        CheckHeader(originalPath, maxPixels);
        var made = new List<MadeVariant>(variants.Count);
        foreach (var (name, spec) in variants)
        {
            try
            {
                // Size.Down: never larger than the original; autorotate is thumbnail's default; Keep.None strips metadata.
                using var image = Image.Thumbnail(originalPath, spec.Width, height: spec.Height ?? 10_000_000, size: Enums.Size.Down,
                    crop: spec.Fit == VariantFit.Cover ? Enums.Interesting.Centre : Enums.Interesting.None, failOn: Enums.FailOn.Error);
                var webp = image.WebpsaveBuffer(q: spec.Quality, keep: Enums.ForeignKeep.None);
                made.Add(new MadeVariant(name, webp, image.Width, image.Height));
            }
            catch (VipsException exception)
            {
                throw new VariantFailedException($"libvips could not make '{name}': {exception.Message.Split('\n')[0]}", exception);
            }
        }

        return made;
    }

    /// <summary>A decompression bomb another S3 client put into the bucket is refused before it is decoded.</summary>
    private static void CheckHeader(string originalPath, long maxPixels)
    {
        using var file = File.OpenRead(originalPath);
        var signature = new byte[ImageFormat.SignatureLength];
        var read = file.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
        if (ImageFormat.Detect(signature.AsSpan(0, read)) is not { } format)
            throw new VariantFailedException("the original is not a JPEG, PNG, GIF or WebP image");
        file.Position = 0;
        if (ImageDimensions.Read(file, format) is not { } dimensions)
            throw new VariantFailedException("the original's header declares no size");
        if (dimensions.Pixels > maxPixels)
            throw new VariantFailedException($"the original declares {dimensions.Width} x {dimensions.Height} pixels; the limit is {maxPixels}");
    }
}
