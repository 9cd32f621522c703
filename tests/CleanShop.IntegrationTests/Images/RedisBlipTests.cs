using System.Net;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Images;

/// <summary>Two instances on a private Redis that stops and comes back empty, as after a restart.</summary>
public sealed class RedisBlipTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_upload_made_while_Redis_was_down_shows_in_the_other_instance_within_five_seconds_of_Redis_coming_back()
    {
        await using var redis = await EphemeralServer.StartRedisAsync();
        await using var first = new CleanShopApiFactory();
        first.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port}";
        await first.InitializeAsync();
        await using var second = CleanShopApiFactory.SecondInstanceOf(first);
        second.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port}";
        await second.InitializeAsync();
        var admin = first.CreateAdminClient();
        var reader = second.CreateClient();
        var id = await admin.CreateProductAsync();
        await admin.UploadAsync(id, ("a.png", TestImages.Png));
        Assert.Equal(["a.png"], (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames()); // in the second's memory

        await redis.StopAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("b.png", TestImages.Png))).StatusCode);
        Assert.Equal(["a.png"], (await reader.GetJsonObjectAsync($"/api/products/{id}")).Filenames()); // nobody could tell it
        await redis.StartAsync();

        // FusionCache's auto-recovery sends what it could not send once Redis is back.
        var seenAfter = await OutOfBandChangeTests.TimeUntilBothShowAsync([reader], id, ["a.png", "b.png"], TimeSpan.FromSeconds(5));
        output.WriteLine($"the upload made while Redis was down was seen by the other instance {seenAfter.TotalMilliseconds:0} ms after Redis came back");
    }
}
