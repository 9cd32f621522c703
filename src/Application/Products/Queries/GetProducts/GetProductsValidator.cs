using CleanShop.Application.Common.Validation;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Variants;
using FluentValidation;

namespace CleanShop.Application.Products.Queries.GetProducts;

public sealed class GetProductsValidator : AbstractValidator<GetProductsQuery>
{
    public GetProductsValidator(IImageVariantNames variants)
    {
        RuleFor(q => q.Variants).MustNameVariants(variants);
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetProductsQuery.MaxPageSize);
        RuleFor(q => q.Category)
            .Must(c => CategoryNames.TryParse(c, out _))
            .When(q => q.Category is not null)
            .WithMessage(q => $"'{ClientText.Printable(q.Category)}' is not a category; choose one of {CategoryNames.Choices}.");
    }
}
