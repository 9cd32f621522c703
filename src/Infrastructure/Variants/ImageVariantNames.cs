using CleanShop.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace CleanShop.Infrastructure.Variants;

/// <summary>The configured variants' names, whether or not this stack makes them (then none is ever made, and none shown).</summary>
internal sealed class ImageVariantNames(IOptions<ImageVariantOptions> options) : IImageVariantNames
{
    public IReadOnlyList<string> Names { get; } = [.. options.Value.Variants.Keys];
}
