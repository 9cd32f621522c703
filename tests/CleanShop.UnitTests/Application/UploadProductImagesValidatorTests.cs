using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using Microsoft.Extensions.Options;

namespace CleanShop.UnitTests.Application;

public sealed class UploadProductImagesValidatorTests
{
    private readonly UploadProductImagesValidator _validator = new(Options.Create(new ImageUploadOptions { MaxFiles = 3 }));

    private static ImageUpload File(string name) => new(name, 3, () => new MemoryStream([0xFF, 0xD8, 0xFF]));

    private static UploadProductImagesCommand Upload(params string[] names) => new(1, names.Select(File).ToArray());

    [Fact]
    public void Accepts_files_with_safe_distinct_names()
    {
        Assert.True(_validator.Validate(Upload("front.jpg", "back.jpg")).IsValid);
    }

    [Fact]
    public void Refuses_an_upload_without_files()
    {
        var result = _validator.Validate(Upload());

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Refuses_more_files_than_the_configured_maximum()
    {
        var result = _validator.Validate(Upload("1.jpg", "2.jpg", "3.jpg", "4.jpg"));

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Accepts_more_files_than_the_per_request_maximum_in_an_upload_that_skips_identical_files()
    {
        var result = _validator.Validate(Upload("1.jpg", "2.jpg", "3.jpg", "4.jpg") with { Mode = ImageUploadMode.SkipIdentical });

        Assert.True(result.IsValid, string.Join(" ", result.Errors));
    }
}
