using FluentValidation;

namespace CleanShop.Application.Products.Commands.CreateProduct;

public sealed class CreateProductValidator : AbstractValidator<CreateProductCommand>
{
    public CreateProductValidator() => Include(new ProductFieldsValidator());
}
