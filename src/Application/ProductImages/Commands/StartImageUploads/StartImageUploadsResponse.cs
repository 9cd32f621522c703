namespace CleanShop.Application.ProductImages.Commands.StartImageUploads;

/// <summary>One form per file, in the order of the files.</summary>
public sealed record StartImageUploadsResponse(IReadOnlyList<ImageUploadForm> Uploads);

/// <summary>
/// Where a browser posts one file: a multipart/form-data POST to <paramref name="Url"/> with every field of
/// <paramref name="Fields"/>, then the file last, as the field <c>file</c>; valid until <paramref name="ExpiresAt"/>.
/// </summary>
public sealed record ImageUploadForm(string UploadId, string Filename, string Url, IReadOnlyDictionary<string, string> Fields, DateTimeOffset ExpiresAt);
