using CleanShop.Application.Products;

namespace CleanShop.Application.ProductImages.Queries.GetProductImages;

/// <summary>A product's images as clients read them (a JSON array), and whether they are degraded (a header).</summary>
public sealed record ProductImagesResponse(IReadOnlyList<ImageResponse> Images, bool Degraded);
