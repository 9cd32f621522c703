using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Images;

namespace CleanShop.Application.ProductImages.Uploads;

/// <summary>
/// What a file must be to be stored as a product image, judged the same way by every use case that
/// uploads or checks an upload: within the size limit, not empty, and the bytes of an allowed format.
/// </summary>
internal static class ImageUploadRules
{
    /// <summary>The file's format; <see cref="ImageRejectedException"/> when it may not be stored.</summary>
    /// <param name="name">The normalised file name (see <see cref="ImageFileName"/>), for messages.</param>
    public static async Task<ImageFormat> CheckContentAsync(
        string name, long length, Func<Stream> openRead, long maxFileBytes, long maxPixels, CancellationToken cancellationToken)
    {
        if (length > maxFileBytes)
            throw new ImageRejectedException(ImageRejection.TooLarge, name, $"'{name}' is {length} bytes; the limit is {maxFileBytes}.");
        if (length == 0)
            throw new ImageRejectedException(ImageRejection.NotAnImage, name, $"'{name}' is empty.");

        var header = new byte[ImageFormat.SignatureLength];
        int read;
        await using (var stream = openRead())
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);

        var format = ImageFormat.Detect(header.AsSpan(0, read))
            ?? throw new ImageRejectedException(ImageRejection.NotAnImage, name,
                $"'{name}' is not a JPEG, PNG, GIF or WebP image (judged by its content, not its name).");

        // A few bytes may declare billions of pixels (a decompression bomb): judged by the header, before anything is stored.
        ImageDimensions? dimensions;
        await using (var stream = openRead())
            dimensions = ImageDimensions.Read(stream, format);
        if (dimensions is { } declared && declared.Pixels > maxPixels)
            throw new ImageRejectedException(ImageRejection.TooManyPixels, name,
                $"'{name}' declares {declared.Width} x {declared.Height} pixels; the limit is {maxPixels} pixels.");
        return format;
    }
}
