using CleanShop.Application.ProductImages.Commands.StartImageUploads;

namespace CleanShop.Api.Http;

/// <summary>The body of POST /api/products/{id}/image-uploads: the files a browser is about to post.</summary>
internal sealed record ImageUploadsRequest(IReadOnlyList<DeclaredImageFile>? Files);
