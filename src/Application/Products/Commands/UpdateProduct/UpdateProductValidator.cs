using FluentValidation;

namespace CleanShop.Application.Products.Commands.UpdateProduct;

public sealed class UpdateProductValidator : AbstractValidator<UpdateProductCommand>
{
    public UpdateProductValidator() => Include(new ProductFieldsValidator());
}
