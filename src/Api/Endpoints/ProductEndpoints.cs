using CleanShop.Api.Http;
using CleanShop.Application.Products;
using CleanShop.Application.Products.Commands.CreateProduct;
using CleanShop.Application.Products.Commands.DeleteProduct;
using CleanShop.Application.Products.Commands.UpdateProduct;
using CleanShop.Application.Products.Queries.GetProducts;
using CleanShop.Application.Products.Queries.GetProductWithImages;
using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace CleanShop.Api.Endpoints;

/// <remarks>
/// Endpoints take the generated <c>Mediator</c> itself rather than <c>ISender</c>: it has a <c>Send</c> overload per
/// message, bound at compile time, where <c>ISender.Send</c> costs a generic virtual call and a type switch on every
/// request (the library's advice for hot paths). The two reads return <c>ValueTask</c>: the caches answer them
/// synchronously, and a <c>Task</c> would be allocated for each.
/// </remarks>
public static class ProductEndpoints
{
    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Products");

        products.MapGet("/", GetProducts).WithName(nameof(GetProducts))
            .WithSummary("One page of the catalog, filtered.")
            .WithDescription("Products ordered by id, in Django REST Framework's page envelope. `page_size` is 1 to 100 (default 20); " +
                "`category`, `is_featured` and `is_available` filter. A page past the last one answers 404.")
            .Produces<PageResponse<ProductResponse>>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        products.MapGet("/{id:int}", GetProduct).WithName(nameof(GetProduct))
            .WithSummary("One product with its images.")
            .WithDescription("The product with a presigned GET URL for each of its images, ordered by key; `primary_image` is the first, or null. " +
                "When S3 cannot be read, `images` is empty and the response carries `X-Images-Degraded: true`.")
            .Produces<ProductResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPost("/", CreateProduct).WithName(nameof(CreateProduct))
            .WithSummary("Creates a product.")
            .WithDescription("Answers 201 with the new product (no images yet) and its address in `Location`. Needs the role `admin`.")
            .RequireAuthorization(AdminPolicy.Name)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        products.MapPut("/{id:int}", UpdateProduct).WithName(nameof(UpdateProduct))
            .WithSummary("Replaces every field of a product.")
            .WithDescription("Fields left out take their defaults (`is_featured` false, `is_available` true). Images are not touched. Needs the role `admin`.")
            .RequireAuthorization(AdminPolicy.Name)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        products.MapDelete("/{id:int}", DeleteProduct).WithName(nameof(DeleteProduct))
            .WithSummary("Deletes a product and all its images.")
            .WithDescription("Deletes the product's images from S3, then the product. Needs the role `admin`.")
            .RequireAuthorization(AdminPolicy.Name)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>The list's query string, in the names the storefront uses.</summary>
    internal sealed record ProductListParameters(
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "page_size")] int? PageSize,
        [property: FromQuery(Name = "category")] string? Category,
        [property: FromQuery(Name = "is_featured")] bool? IsFeatured,
        [property: FromQuery(Name = "is_available")] bool? IsAvailable,
        [property: FromQuery(Name = "variants"), Description(ImageVariantsParameter.Description)] string? Variants);

    private static async ValueTask<Utf8JsonResult> GetProducts(
        [AsParameters] ProductListParameters parameters, HttpRequest request, Mediator.Mediator mediator, ProductJson json, CancellationToken ct)
    {
        var page = await mediator.Send(new GetProductsQuery(
            parameters.Page ?? 1, parameters.PageSize ?? GetProductsQuery.DefaultPageSize,
            parameters.Category, parameters.IsFeatured, parameters.IsAvailable, parameters.Variants), ct);
        return request.HttpContext.Response.WithImagesDegraded(
            page.Items.Any(p => p.ImagesDegraded), json.Ok(PageResponse<ProductResponse>.From(page, request)));
    }

    private static async ValueTask<Utf8JsonResult> GetProduct(
        int id, Mediator.Mediator mediator, ProductJson json, HttpResponse response, CancellationToken ct,
        [FromQuery(Name = "variants"), Description(ImageVariantsParameter.Description)] string? variants = null)
    {
        var product = await mediator.Send(new GetProductWithImagesQuery(id, variants), ct);
        return response.WithImagesDegraded(product.ImagesDegraded, json.Ok(product));
    }

    private static async Task<CreatedAtRoute<ProductResponse>> CreateProduct(CreateProductCommand command, Mediator.Mediator mediator, CancellationToken ct)
    {
        var product = await mediator.Send(command, ct);
        return TypedResults.CreatedAtRoute(product, nameof(GetProduct), new { id = product.Id });
    }

    private static async Task<Ok<ProductResponse>> UpdateProduct(int id, UpdateProductCommand command, Mediator.Mediator mediator, HttpResponse response, CancellationToken ct)
    {
        var product = await mediator.Send(command with { Id = id }, ct);
        return response.WithImagesDegraded(product.ImagesDegraded, TypedResults.Ok(product));
    }

    private static async Task<NoContent> DeleteProduct(int id, Mediator.Mediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteProductCommand(id), ct);
        return TypedResults.NoContent();
    }
}
