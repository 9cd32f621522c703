using Mediator;

namespace CleanShop.Application.ProductImages.Commands.InvalidateProductImageCache;

/// <summary>Forgets one product's cached images in every process: the next read lists the store again.</summary>
public sealed record InvalidateProductImageCacheCommand(int ProductId) : ICommand;
