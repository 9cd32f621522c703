using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.ProductImages.Commands.UploadProductImages;

namespace CleanShop.Api.Http;

/// <summary>
/// Reads an upload form with its limits enforced while the body streams in: each part of the form may be at
/// most the largest file allowed, so an oversized file is refused after that many bytes, not after all of them
/// (ASP.NET Core spools file parts to disk, never to memory).
/// </summary>
internal static class UploadForm
{
    public static async Task<IReadOnlyList<ImageUpload>> ReadFilesAsync(HttpRequest request, string field, long maxFileBytes, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            throw new BadHttpRequestException("Send the images as multipart/form-data, in the form field 'files'.", StatusCodes.Status415UnsupportedMediaType);

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException exception) when (exception.Message.Contains("length limit", StringComparison.Ordinal))
        {
            // The framework's own words for a part over MultipartBodyLengthLimit.
            throw ImageUploadRefusedException.TooLarge(field, $"A file is over the limit of {maxFileBytes} bytes.");
        }
        catch (IOException exception) when (exception.GetType() == typeof(IOException) && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The reader's words for a body that ends before the form does: no closing boundary, a part cut
            // short, a boundary other than the one the Content-Type announced. The client's mistake, not ours.
            throw new BadHttpRequestException("The form ended before it was complete (a missing or mismatched boundary, or a part cut short).", StatusCodes.Status400BadRequest, exception);
        }
        catch (InvalidDataException exception)
        {
            throw new BadHttpRequestException($"The form could not be read: {exception.Message}", StatusCodes.Status400BadRequest, exception);
        }

        return form.Files.GetFiles(field).Select(f => new ImageUpload(f.FileName, f.Length, f.OpenReadStream)).ToArray();
    }
}
