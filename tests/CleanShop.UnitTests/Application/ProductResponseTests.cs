using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.Products;
using CleanShop.Domain.Products;

namespace CleanShop.UnitTests.Application;

/// <summary>The API writes a response's bytes again as long as it gets the same instance: From must hand it out exactly then.</summary>
public sealed class ProductResponseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static ProductSnapshot Snapshot(string name = "Pip the Penguin") =>
        new(1, name, "A round little penguin.", 25m, Category.Animal, IsFeatured: false, IsAvailable: true, Now, Now);

    private static ProductImageSet Images() =>
        new(1, [new ProductImage("1/front.png", "front.png", "http://s3/1/front.png?sig", Now.AddHours(1))], Degraded: false);

    [Fact]
    public void The_same_cached_product_and_image_set_give_the_same_response_instance()
    {
        var product = Snapshot();
        var images = Images();

        Assert.Same(ProductResponse.From(product, images), ProductResponse.From(product, images));
    }

    [Fact]
    public void A_changed_product_under_the_same_image_set_gives_a_new_response_with_its_fields()
    {
        var images = Images();
        var before = ProductResponse.From(Snapshot(), images);
        var renamed = Snapshot("Pip the Emperor Penguin");

        var after = ProductResponse.From(renamed, images);

        Assert.NotSame(before, after);
        Assert.Equal("Pip the Emperor Penguin", after.Name);
        Assert.Same(after, ProductResponse.From(renamed, images));
    }

    [Fact]
    public void A_new_image_set_for_the_same_product_gives_a_new_response_with_its_urls()
    {
        var product = Snapshot();
        var before = ProductResponse.From(product, Images());
        var signedAgain = new ProductImageSet(1, [new ProductImage("1/front.png", "front.png", "http://s3/1/front.png?new-sig", Now.AddHours(2))], Degraded: false);

        var after = ProductResponse.From(product, signedAgain);

        Assert.NotSame(before, after);
        Assert.Equal("http://s3/1/front.png?new-sig", after.Images[0].Url);
        Assert.Equal("http://s3/1/front.png?new-sig", after.PrimaryImage!.Url);
    }

    [Fact]
    public void A_degraded_image_set_gives_a_response_that_says_so()
    {
        var degraded = new ProductImageSet(1, [], Degraded: true);

        var response = ProductResponse.From(Snapshot(), degraded);

        Assert.True(response.ImagesDegraded);
        Assert.Empty(response.Images);
        Assert.Null(response.PrimaryImage);
    }
}
