using Mediator;

namespace CleanShop.Application.Products.Commands.DeleteProduct;

public sealed record DeleteProductCommand(int Id) : ICommand;
