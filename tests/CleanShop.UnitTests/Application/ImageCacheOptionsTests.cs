using CleanShop.Application.Images;

namespace CleanShop.UnitTests.Application;

public sealed class ImageCacheOptionsTests
{
    [Theory]
    [InlineData(60, 60, 5, 55)]   // the defaults: the buffer bounds it
    [InlineData(10, 60, 5, 10)]   // a short cache duration bounds it
    [InlineData(55, 60, 5, 55)]   // both bounds meet
    [InlineData(60, 60, 0, 60)]   // no buffer
    public void EntryLifetime_is_the_cache_duration_or_the_url_lifetime_less_the_buffer_whichever_is_shorter(
        int cacheMinutes, int urlMinutes, int bufferMinutes, int expectedMinutes)
    {
        var options = new ImageCacheOptions
        {
            CacheDuration = TimeSpan.FromMinutes(cacheMinutes),
            UrlLifetime = TimeSpan.FromMinutes(urlMinutes),
            RefreshBuffer = TimeSpan.FromMinutes(bufferMinutes),
        };

        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), options.EntryLifetime);
    }

    [Fact]
    public void The_defaults_have_no_cross_field_error()
    {
        Assert.Null(new ImageCacheOptions().CrossFieldError());
    }

    [Theory]
    [InlineData(60, 60)]
    [InlineData(60, 61)]
    public void A_refresh_buffer_as_long_as_the_url_lifetime_is_an_error_naming_both_settings(int urlMinutes, int bufferMinutes)
    {
        var options = new ImageCacheOptions
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
