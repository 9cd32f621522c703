using Mediator;

namespace CleanShop.Application.ProductImages.Commands.InvalidateAllImageCaches;

/// <summary>Forgets every product's cached images in every process.</summary>
public sealed record InvalidateAllImageCachesCommand : ICommand;
