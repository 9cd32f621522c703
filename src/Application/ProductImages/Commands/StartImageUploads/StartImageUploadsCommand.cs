using Mediator;

namespace CleanShop.Application.ProductImages.Commands.StartImageUploads;

/// <summary>
/// Starts a direct upload of <paramref name="Files"/>: each is judged as an upload of it would be (name, size, what the
/// store holds under that name) before any form is issued, then gets a presigned POST form of its own, to a staging key.
/// The bytes are judged when the upload is completed (<see cref="CompleteImageUpload.CompleteImageUploadCommand"/>).
/// </summary>
public sealed record StartImageUploadsCommand(int ProductId, IReadOnlyList<DeclaredImageFile> Files, bool Overwrite = false) : ICommand<StartImageUploadsResponse>;

/// <summary>A file a browser is about to post: its name, its size in bytes and the SHA-256 of its bytes (64 hex digits).</summary>
public sealed record DeclaredImageFile(string Filename, long Size, string Sha256);
