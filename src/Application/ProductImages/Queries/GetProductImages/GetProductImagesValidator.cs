using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Variants;
using FluentValidation;

namespace CleanShop.Application.ProductImages.Queries.GetProductImages;

public sealed class GetProductImagesValidator : AbstractValidator<GetProductImagesQuery>
{
    public GetProductImagesValidator(IImageVariantNames variants) => RuleFor(q => q.Variants).MustNameVariants(variants);
}
