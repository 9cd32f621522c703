using CleanShop.Domain.Products;
using CleanShop.Infrastructure.Images;

namespace CleanShop.UnitTests.Infrastructure;

/// <summary>The small rules of the image cache: which keys are images, what a URL's real expiry is, what a stale set serves.</summary>
public sealed class ImageSetRulesTests
{
    [Theory]
    [InlineData("1/front.png", 1, "front.png")]
    [InlineData("42/a b+%.jpg", 42, "a b+%.jpg")]
    public void A_key_under_a_product_prefix_is_that_products_image(string key, int productId, string filename)
    {
        Assert.True(S3ImageStore.TryParseKey(key, out var id, out var name));
        Assert.Equal(productId, id);
        Assert.Equal(filename, name);
    }

    [Theory]
    [InlineData("1/")]            // a folder marker
    [InlineData("7/..")]          // no URL can name it
    [InlineData("7/.")]
    [InlineData("1/old/a.png")]   // a nested key
    [InlineData("a.png")]         // outside any product
    [InlineData("01/a.png")]      // not the prefix the API writes for product 1
    [InlineData("+1/a.png")]
    [InlineData("0/a.png")]
    [InlineData("99999999999/a.png")] // no int
    [InlineData("/a.png")]
    public void Folder_markers_nested_keys_and_other_prefixes_are_no_product_images(string key)
    {
        Assert.False(S3ImageStore.TryParseKey(key, out _, out _));
    }

    [Fact]
    public void A_key_whose_name_is_over_255_characters_is_no_image_so_every_listed_image_can_be_deleted_by_name()
    {
        // Real S3 holds such a key (up to 1,024 bytes); the API lists it not, as a delete of that name answers 404 unasked.
        Assert.True(S3ImageStore.TryParseKey($"1/{new string('x', 255)}", out _, out _));
        Assert.False(S3ImageStore.TryParseKey($"1/{new string('x', 256)}", out _, out _));
    }

    [Fact]
    public void A_presigned_URLs_expiry_is_its_signing_time_plus_its_lifetime_as_written_in_the_URL()
    {
        const string url = "http://127.0.0.1:4566/bucket/1/a.png?X-Amz-Expires=3599&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=S3RVER%2F20261125%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261125T183000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=abc";

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 19, 29, 59, TimeSpan.Zero), S3ImageStore.ReadExpiry(url));
    }

    [Fact]
    public void Past_its_refresh_point_a_set_serves_only_the_URLs_that_still_work_and_says_it_is_degraded()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var set = new ImageSet(1,
            [new ProductImage("1/a.png", "a.png", "http://a", now.AddMinutes(-1)), new ProductImage("1/b.png", "b.png", "http://b", now.AddMinutes(4))],
            "fp", Version: 3, RefreshAt: now.AddMinutes(-6), Degraded: false);

        var served = set.Serve(now);

        Assert.True(served.Degraded);
        Assert.Equal(["b.png"], served.Images.Select(i => i.Filename));
        Assert.Same(set.Fresh, set.Serve(now.AddMinutes(-7))); // before the refresh point: the one cached answer
        Assert.False(set.Serve(now.AddMinutes(-7)).Degraded);
    }

    [Fact]
    public void The_fingerprint_is_the_same_for_the_same_objects_and_changes_with_any_of_key_size_ETag_or_last_change()
    {
        var at = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var stored = new CleanShop.Application.Common.Interfaces.StoredImage("1/a.png", "a.png", 10, null, at, "\"e1\"");
        var fingerprint = ImageSet.FingerprintOf([stored]);

        Assert.Equal(fingerprint, ImageSet.FingerprintOf([stored with { }]));
        Assert.NotEqual(fingerprint, ImageSet.FingerprintOf([stored with { Size = 11 }]));
        Assert.NotEqual(fingerprint, ImageSet.FingerprintOf([stored with { ETag = "\"e2\"" }]));
        Assert.NotEqual(fingerprint, ImageSet.FingerprintOf([stored with { LastModified = at.AddSeconds(1) }]));
        Assert.NotEqual(fingerprint, ImageSet.FingerprintOf([stored with { Key = "1/b.png" }]));
    }
}
