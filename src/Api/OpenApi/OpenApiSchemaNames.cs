using CleanShop.Api.Http;
using CleanShop.Application.Products;
using CleanShop.Application.Products.Commands.CreateProduct;
using CleanShop.Application.Products.Commands.UpdateProduct;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;

namespace CleanShop.Api.OpenApi;

/// <summary>
/// Schema names as a client's code reads them (a generated class is called Product, not ProductResponse, and the
/// page is ProductPage, not PageResponseOfProductResponse).
/// </summary>
internal static class OpenApiSchemaNames
{
    public const string Product = "Product";
    public const string Image = "Image";
    public const string ImageVariant = "ImageVariant";
    public const string ProductPage = "ProductPage";
    public const string CreateProductRequest = "CreateProductRequest";
    public const string UpdateProductRequest = "UpdateProductRequest";
    public const string Problem = "ProblemDetails";
    public const string ValidationProblem = "ValidationProblemDetails";

    public static string? For(System.Text.Json.Serialization.Metadata.JsonTypeInfo type) => type.Type switch
    {
        var t when t == typeof(ProductResponse) => Product,
        var t when t == typeof(ImageResponse) => Image,
        var t when t == typeof(PageResponse<ProductResponse>) => ProductPage,
        var t when t == typeof(CreateProductCommand) => CreateProductRequest,
        var t when t == typeof(UpdateProductCommand) => UpdateProductRequest,
        var t when t == typeof(ProblemDetails) => Problem,
        var t when t == typeof(HttpValidationProblemDetails) => ValidationProblem,
        _ => OpenApiOptions.CreateDefaultSchemaReferenceId(type),
    };
}
