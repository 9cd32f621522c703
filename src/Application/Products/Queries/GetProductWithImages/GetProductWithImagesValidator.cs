using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Variants;
using FluentValidation;

namespace CleanShop.Application.Products.Queries.GetProductWithImages;

public sealed class GetProductWithImagesValidator : AbstractValidator<GetProductWithImagesQuery>
{
    public GetProductWithImagesValidator(IImageVariantNames variants) => RuleFor(q => q.Variants).MustNameVariants(variants);
}
