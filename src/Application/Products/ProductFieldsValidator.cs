using CleanShop.Application.Common.Validation;
using CleanShop.Domain.Products;
using FluentValidation;

namespace CleanShop.Application.Products;

/// <summary>
/// The rules shared by create and update. They mirror the Domain's invariants so that a client gets
/// every broken field at once, by its wire name, before the Domain would refuse the first one.
/// </summary>
public sealed class ProductFieldsValidator : AbstractValidator<IProductFields>
{
    public ProductFieldsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(Product.NameMaxLength).PlainText();
        RuleFor(p => p.Description).MaximumLength(Product.DescriptionMaxLength).PlainText(multiLine: true);
        RuleFor(p => p.Price)
            .GreaterThan(0)
            .LessThanOrEqualTo(Product.MaxPrice)
            .PrecisionScale(12, 2, ignoreTrailingZeros: true).WithMessage("'Price' has at most two decimals.");
        RuleFor(p => p.Category)
            .PlainText()
            .Must(c => CategoryNames.TryParse(c, out _))
            .WithMessage(p => $"'{ClientText.Printable(p.Category)}' is not a category; choose one of {CategoryNames.Choices}.");
    }
}
