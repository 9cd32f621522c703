namespace CleanShop.Application.Common.Interfaces;

/// <summary>The image variants the service makes (<c>ImageVariants</c> settings), in the order it lists them.</summary>
public interface IImageVariantNames
{
    IReadOnlyList<string> Names { get; }
}
