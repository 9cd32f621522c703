namespace CleanShop.Application.Common.Interfaces;

/// <summary>
/// The staging area of direct uploads: a browser posts a file straight to the object store, under a key outside every
/// product prefix, so that nothing it sends is listed before it passed the same rules as an API upload. The staged
/// object carries what was asked for it (product, name, declared SHA-256, overwrite) in its own metadata, so that
/// completing an upload needs no state anywhere else.
/// </summary>
public interface IImageUploadStaging
{
    /// <summary>A presigned POST form for one file: the URL and the fields a plain HTML form sends with the file. No request is sent.</summary>
    StagedUploadForm CreateForm(StagedUploadTicket ticket);

    /// <summary>What the browser staged under the upload id, as the store describes it now, or null when nothing is there.</summary>
    Task<StagedUpload?> FindAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>The staged bytes, copied to a temporary file.</summary>
    Task<TemporaryFile> DownloadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Deletes the staged object; nothing when it is gone already.</summary>
    Task DeleteAsync(string uploadId, CancellationToken cancellationToken);
}

/// <summary>What a direct upload of one file may post: the policy binds every field, so the browser can change none.</summary>
public sealed record StagedUploadTicket(string UploadId, int ProductId, string Filename, string? Sha256, bool Overwrite, long MaxBytes, DateTimeOffset ExpiresAt);

/// <summary>Where and how a browser posts one file: <paramref name="Fields"/> go into the form before the file.</summary>
public sealed record StagedUploadForm(string Url, IReadOnlyDictionary<string, string> Fields, DateTimeOffset ExpiresAt);

/// <summary>A staged object and what its upload asked for.</summary>
public sealed record StagedUpload(string UploadId, int ProductId, string Filename, long Length, string? Sha256, bool Overwrite, DateTimeOffset LastModified);
