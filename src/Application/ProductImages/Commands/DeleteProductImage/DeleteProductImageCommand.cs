using Mediator;

namespace CleanShop.Application.ProductImages.Commands.DeleteProductImage;

public sealed record DeleteProductImageCommand(int ProductId, string Filename) : ICommand;
