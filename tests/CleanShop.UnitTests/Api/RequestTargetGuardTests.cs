using CleanShop.Api.Http;

namespace CleanShop.UnitTests.Api;

public sealed class RequestTargetGuardTests
{
    [Theory]
    [InlineData("/api/products/5/images/..")]
    [InlineData("/api/products/5/images/.")]
    [InlineData("/api/products/5/images/%2e%2e")]
    [InlineData("/api/products/5/images/%2E%2e")]
    [InlineData("/api/products/5/images/.%2E")]
    [InlineData("/api/products/5/images/%2e")]
    [InlineData("/api/products/5/./images")]
    [InlineData("/./api/products")]
    [InlineData("/api/products/5/images/%2e%2e/%2e%2e/7")]
    [InlineData("/api/products/5/images/%2e%2e?x=1")]
    [InlineData("/api/products/5%2Fimages")]
    [InlineData("/api/products/5/images/a%2fb")]
    [InlineData("http://host/api/products/5/images/%2e%2e")]
    [InlineData("https://host:8443/api/%2E%2E/products")]
    public void A_dot_segment_or_an_encoded_slash_in_the_path_is_unsafe(string rawTarget) =>
        Assert.False(RequestTargetGuard.IsSafe(rawTarget));

    [Theory]
    [InlineData("/")]
    [InlineData("*")]
    [InlineData("/api/products/5/")]
    [InlineData("/api/products/5/images/..a.png")]
    [InlineData("/api/products/5/images/.hidden")]
    [InlineData("/api/products/5/images/a..b")]
    [InlineData("/api/products/5/images/%252e%252e")]
    [InlineData("/api/products/5/images/x%252Fy.png")]
    [InlineData("/api/products?page=..&next=%2e%2e/%2F")]
    [InlineData("/api/products/5/images/caf%C3%A9.png")]
    [InlineData("http://host/api/products/5")]
    public void A_path_without_dot_segments_or_encoded_slashes_is_safe(string rawTarget) =>
        Assert.True(RequestTargetGuard.IsSafe(rawTarget));
}
