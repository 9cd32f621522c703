using System.Buffers.Binary;
using System.Net;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.HostileInput;

/// <summary>Images refused by what their header declares, or by their name, before anything is stored.</summary>
public sealed class ImageBombTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    private static byte[] Png(uint width, uint height)
    {
        var bytes = TestImages.Png.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);
        return bytes;
    }

    [Fact]
    public async Task A_PNG_declaring_100000_by_100000_pixels_answers_422_and_nothing_of_the_upload_is_stored()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        var response = await admin.UploadAsync(id, ("fine.png", TestImages.Png), ("bomb.png", Png(100_000, 100_000)));

        var problem = await response.AssertProblemAsync(422);
        Assert.Contains("100000 x 100000", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(id);
    }

    [Fact]
    public async Task An_image_at_the_pixel_limit_is_stored_and_one_pixel_more_is_refused()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("limit.png", Png(8000, 5000)))).StatusCode); // 40,000,000
        await (await admin.UploadAsync(id, ("over.png", Png(8000, 5001)))).AssertProblemAsync(422);
    }

    [Theory]
    [InlineData("\u202Egnp.exe", "'\\u202Egnp.exe'")]
    [InlineData("front\u200B.png", "'front\\u200B.png'")]
    public async Task A_name_with_an_invisible_format_character_answers_400_naming_it_with_the_character_escaped_and_nothing_is_stored(string name, string shown)
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        var problem = await (await admin.UploadAsync(id, (name, TestImages.Png))).AssertProblemAsync(400);

        var message = Assert.Single(problem["errors"]!["files"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith(shown, message, StringComparison.Ordinal);
        Assert.DoesNotContain(name, message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(id);
    }

    [Fact]
    public async Task A_name_longer_than_the_limit_answers_400()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();

        await (await admin.UploadAsync(id, (new string('\u20AC', 300) + ".png", TestImages.Png))).AssertProblemAsync(400);
        await AssertNothingStoredAsync(id);
    }

    private async Task AssertNothingStoredAsync(int id)
    {
        using var s3 = CleanShopApiFactory.CreateS3Client();
        Assert.Empty((await s3.ListObjectsV2Async(new() { BucketName = api.Isolation.Bucket, Prefix = $"{id}/" })).S3Objects ?? []);
    }
}
