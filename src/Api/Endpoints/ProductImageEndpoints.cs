using System.ComponentModel;
using CleanShop.Api.Http;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.ProductImages.Commands.CompleteImageUpload;
using CleanShop.Application.ProductImages.Commands.DeleteProductImage;
using CleanShop.Application.ProductImages.Commands.StartImageUploads;
using CleanShop.Application.ProductImages.Commands.InvalidateAllImageCaches;
using CleanShop.Application.ProductImages.Commands.InvalidateProductImageCache;
using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using CleanShop.Application.ProductImages.Queries.GetProductImages;
using CleanShop.Application.Products;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CleanShop.Api.Endpoints;

/// <remarks>Endpoints take the generated <c>Mediator</c>, as <see cref="ProductEndpoints"/> explains.</remarks>
public static class ProductImageEndpoints
{
    public static IEndpointRouteBuilder MapProductImageEndpoints(this IEndpointRouteBuilder app)
    {
        var upload = app.ServiceProvider.GetRequiredService<IOptions<ImageUploadOptions>>().Value;
        // Room for the most files at the largest size, plus the form's own framing. Each part of the form is held
        // to the largest file as it streams in (UploadForm); the handler checks each file again.
        var largestRequest = upload.MaxFiles * upload.MaxFileBytes + 1024 * 1024;

        var images = app.MapGroup("/api/products/{id:int}/images").WithTags("Product images");
        images.MapGet("/", GetProductImages).WithName(nameof(GetProductImages))
            .WithSummary("A product's images alone.")
            .WithDescription("The same images as in the product, ordered by key, each with a presigned GET URL valid until `expires_at`.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        images.MapPost("/", UploadProductImages).WithName(nameof(UploadProductImages))
            .WithSummary("Uploads one or more images (form field 'files'): all of them or none.")
            .WithDescription("Each file is checked by its bytes (JPEG, PNG, GIF or WebP: else 415) and its size (else 413). A name that exists " +
                "answers 409 unless `overwrite=true`; a file identical to the stored one is skipped. Needs the role `admin`.")
            .RequireAuthorization(AdminPolicy.Name)
            // Antiforgery protects cookie-authenticated forms; these calls carry a bearer token, which a
            // browser never attaches on its own, so a cross-site request cannot forge one.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(largestRequest))
            .WithFormOptions(multipartBodyLengthLimit: upload.MaxFileBytes)
            .Accepts<IFormFileCollection>("multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        // Direct uploads: the browser posts each file to S3 itself, outside every product prefix, and the API then judges it.
        var uploads = app.MapGroup("/api/products/{id:int}/image-uploads").WithTags("Product images")
            .RequireAuthorization(AdminPolicy.Name).DisableAntiforgery();
        uploads.MapPost("/", StartImageUploads).WithName(nameof(StartImageUploads))
            .WithSummary("Starts a direct upload: one presigned S3 POST form per declared file.")
            .WithDescription("Each file's name, size and SHA-256 are declared and judged as an upload of it would be (400, 409 unless " +
                "`overwrite=true`, 413) before any form is issued. The browser then posts each file to `url` as multipart/form-data with " +
                "every field of `fields` and the file last, as the field `file`, before `expires_at`; then completes it. Needs the role `admin`.")
            .Accepts<ImageUploadsRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        uploads.MapPost("/{uploadId}/complete", CompleteImageUpload).WithName(nameof(CompleteImageUpload))
            .WithSummary("Completes a direct upload: the posted file is judged by its bytes, then listed, or refused.")
            .WithDescription("The staged object is checked as an API upload of its bytes would be (415, 413, 422 for too many pixels or another " +
                "SHA-256 than declared, 409) and then copied to `{id}/{filename}`, visible at once in every instance; refused, it is deleted. " +
                "404 when nothing was posted for the upload, or it was completed already. Needs the role `admin`.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        // Cache clearing lives beside the images, never among them: any name, "cache" too, is an image's name.
        app.MapDelete("/api/products/{id:int}/image-cache", InvalidateProductImageCache).WithName(nameof(InvalidateProductImageCache))
            .WithTags("Product images")
            .WithSummary("Forgets the product's cached image URLs in every instance.")
            .WithDescription("The next read lists the product's objects in S3 again and signs new URLs. Needs the role `admin`.")
            .RequireAuthorization(AdminPolicy.Name)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        images.MapDelete("/{filename}", DeleteProductImage).WithName(nameof(DeleteProductImage))
            .WithSummary("Deletes one image of a product.")
            .WithDescription("Deletes the object `{id}/{filename}` from S3; every instance serves the product without it in its next response. Needs the role `admin`.")
            .RequireAuthorization(AdminPolicy.Name)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        app.MapDelete("/api/image-cache", InvalidateAllImageCaches).WithName(nameof(InvalidateAllImageCaches))
            .WithTags("Product images")
            .WithSummary("Forgets every product's cached image URLs in every instance.")
            .WithDescription("For when objects were changed in S3 behind the service's back. Needs the role `admin`.")
            .RequireAuthorization(AdminPolicy.Name)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        // The former route, kept as an alias: it shadows no image.
        app.MapDelete("/api/images/cache", InvalidateAllImageCaches).WithName("InvalidateAllImageCachesAlias")
            .WithTags("Product images")
            .WithSummary("Alias of DELETE /api/image-cache.")
            .WithDescription("Kept for scripts written before the cache routes moved; it shadows no image name. New clients use DELETE /api/image-cache.")
            .RequireAuthorization(AdminPolicy.Name)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ImageResponse>>> GetProductImages(
        int id, Mediator.Mediator mediator, HttpResponse response, CancellationToken ct,
        [FromQuery(Name = "variants"), Description(ImageVariantsParameter.Description)] string? variants = null)
    {
        var images = await mediator.Send(new GetProductImagesQuery(id, variants), ct);
        return response.WithImagesDegraded(images.Degraded, TypedResults.Ok(images.Images));
    }

    private static async Task<Created<IReadOnlyList<ImageResponse>>> UploadProductImages(
        int id, HttpRequest request, IOptions<ImageUploadOptions> limits, Mediator.Mediator mediator, CancellationToken ct, bool overwrite = false)
    {
        var files = await UploadForm.ReadFilesAsync(request, "files", limits.Value.MaxFileBytes, ct);
        var result = await mediator.Send(new UploadProductImagesCommand(id, files, overwrite), ct);
        return TypedResults.Created($"/api/products/{id}/images", result.Uploaded);
    }

    private static async Task<Created<StartImageUploadsResponse>> StartImageUploads(
        int id, ImageUploadsRequest body, Mediator.Mediator mediator, CancellationToken ct, bool overwrite = false)
    {
        var started = await mediator.Send(new StartImageUploadsCommand(id, body.Files ?? [], overwrite), ct);
        return TypedResults.Created($"/api/products/{id}/images", started);
    }

    private static async Task<Created<ImageResponse>> CompleteImageUpload(int id, string uploadId, Mediator.Mediator mediator, CancellationToken ct)
    {
        var image = await mediator.Send(new CompleteImageUploadCommand(id, uploadId), ct);
        return TypedResults.Created($"/api/products/{id}/images", image);
    }

    private static async Task<NoContent> DeleteProductImage(int id, string filename, Mediator.Mediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteProductImageCommand(id, filename), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> InvalidateProductImageCache(int id, Mediator.Mediator mediator, CancellationToken ct)
    {
        await mediator.Send(new InvalidateProductImageCacheCommand(id), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> InvalidateAllImageCaches(Mediator.Mediator mediator, CancellationToken ct)
    {
        await mediator.Send(new InvalidateAllImageCachesCommand(), ct);
        return TypedResults.NoContent();
    }
}
