namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>A file to upload, from any source (an HTTP form, a folder). <paramref name="OpenRead"/> may be called more than once.</summary>
public sealed record ImageUpload(string FileName, long Length, Func<Stream> OpenRead);
