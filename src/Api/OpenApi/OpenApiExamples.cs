using System.Text.Json.Nodes;

namespace CleanShop.Api.OpenApi;

/// <summary>
/// Examples in the document, copied from real responses of the local stack's sample data (the contract test
/// validates each against its own schema).
/// </summary>
internal static class OpenApiExamples
{
    public static JsonNode Image() => new JsonObject
    {
        ["url"] = "http://127.0.0.1:4566/product-image-collection/1/front.png?X-Amz-Expires=3600&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=S3RVER%2F20261124%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261124T065452Z&X-Amz-SignedHeaders=host&X-Amz-Signature=4f0c",
        ["filename"] = "front.png",
        ["key"] = "1/front.png",
        ["expires_at"] = "2026-11-24T07:54:52Z",
    };

    public static JsonNode Product() => new JsonObject
    {
        ["id"] = 1,
        ["name"] = "Pip the Penguin",
        ["description"] = "A round little penguin in soft black and white cotton, 12 cm tall.",
        ["price"] = "25.00",
        ["category"] = "ANIMAL",
        ["images"] = new JsonArray(Image()),
        ["primary_image"] = Image(),
        ["is_featured"] = true,
        ["is_available"] = true,
        ["created_at"] = "2026-11-24T06:54:21Z",
        ["updated_at"] = "2026-11-24T06:54:21Z",
    };

    public static JsonNode Page() => new JsonObject
    {
        ["count"] = 6,
        ["next"] = "http://127.0.0.1:5080/api/products?page_size=1&page=2",
        ["previous"] = null,
        ["results"] = new JsonArray(Product()),
    };
}
