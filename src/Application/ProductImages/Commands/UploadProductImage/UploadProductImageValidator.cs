using CleanShop.Application.Images;
using CleanShop.Domain.Images;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace CleanShop.Application.ProductImages.Commands.UploadProductImage;

/// <summary>What can be told without reading a byte: there are files, their names are safe and distinct.</summary>
public sealed class UploadProductImageValidator : AbstractValidator<UploadProductImageCommand>
{
    public UploadProductImageValidator(IOptions<ImageUploadOptions> options)
    {
        RuleFor(c => c.Files)
            .NotEmpty().WithMessage("Send at least one file in the form field 'files'.")
            .Must(f => f.Count <= options.Value.MaxFiles).WithMessage($"At most {options.Value.MaxFiles} files per upload.");
        RuleForEach(c => c.Files).ChildRules(file =>
            file.RuleFor(f => f.FileName).Custom((name, context) =>
            {
                if (ImageFileName.Normalize(name, out var error) is null)
                    context.AddFailure("files", $"'{name}': {error}");
            }));
        RuleFor(c => c.Files)
            .Must(files => files.Select(f => ImageFileName.Normalize(f.FileName, out _)).Where(n => n is not null).Distinct(StringComparer.Ordinal).Count()
                == files.Count(f => ImageFileName.Normalize(f.FileName, out _) is not null))
            .WithMessage("Two files of one upload have the same name.");
    }
}
