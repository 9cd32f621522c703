using CleanShop.Application.Common.Hashing;
using CleanShop.Application.ProductImages.Uploads;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace CleanShop.Application.ProductImages.Commands.StartImageUploads;

/// <summary>The request's shape; each file's name, size and place in the store are judged by <see cref="ImageUploadPlan"/>.</summary>
public sealed class StartImageUploadsValidator : AbstractValidator<StartImageUploadsCommand>
{
    public StartImageUploadsValidator(IOptions<ImageUploadOptions> options)
    {
        RuleFor(c => c.Files)
            .NotEmpty().WithMessage("Declare at least one file in 'files'.")
            .Must(f => f.Count <= options.Value.MaxFiles).WithMessage($"At most {options.Value.MaxFiles} files per upload.");
        RuleForEach(c => c.Files).ChildRules(file =>
        {
            file.RuleFor(f => f.Filename).NotNull().WithMessage("Give each file's 'filename'.");
            file.RuleFor(f => f.Size).GreaterThanOrEqualTo(0).WithMessage("A file's 'size' is its length in bytes, 0 or more.");
            file.RuleFor(f => f.Sha256).Must(s => ContentSha256.Parse(s) is not null)
                .WithMessage("Give each file's 'sha256': the SHA-256 of its bytes, 64 hex digits.");
        });
    }
}
