using CleanShop.Application.ProductImages.Uploads;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>What can be told of the request as a whole: there are files, not too many. Each file is judged by <see cref="ImageUploadPlan"/>.</summary>
public sealed class UploadProductImagesValidator : AbstractValidator<UploadProductImagesCommand>
{
    public UploadProductImagesValidator(IOptions<ImageUploadOptions> options)
    {
        RuleFor(c => c.Files)
            .NotEmpty().WithMessage("Send at least one file in the form field 'files'.");
        // The limit bounds what one request must hold at once; the command line reads its files from disk one by one.
        RuleFor(c => c.Files)
            .Must(f => f.Count <= options.Value.MaxFiles).WithMessage($"At most {options.Value.MaxFiles} files per upload.")
            .When(c => c.Mode == ImageUploadMode.AllOrNone);
    }
}
