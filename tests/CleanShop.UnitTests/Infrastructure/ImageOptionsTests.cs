using CleanShop.Infrastructure.Images;

namespace CleanShop.UnitTests.Infrastructure;

public sealed class ImageOptionsTests
{
    [Fact]
    public void The_defaults_have_no_cross_field_error()
    {
        Assert.Null(new ImageOptions().CrossFieldError());
    }

    [Theory]
    [InlineData(60, 60)]
    [InlineData(60, 61)]
    public void A_refresh_buffer_as_long_as_the_url_lifetime_is_an_error_naming_both_settings(int urlMinutes, int bufferMinutes)
    {
        var options = new ImageOptions
        {
            UrlLifetime = TimeSpan.FromMinutes(urlMinutes),
            RefreshBuffer = TimeSpan.FromMinutes(bufferMinutes),
        };

        var error = options.CrossFieldError();

        Assert.NotNull(error);
        Assert.Contains("ImageCache:RefreshBuffer", error, StringComparison.Ordinal);
        Assert.Contains("ImageCache:UrlLifetime", error, StringComparison.Ordinal);
    }
}
