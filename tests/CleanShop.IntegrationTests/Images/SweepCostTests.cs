using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using CleanShop.IntegrationTests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Images;

/// <summary>What one sweep of a bucket costs, and what reads cost once it is done.</summary>
public sealed class SweepCostTests(ITestOutputHelper output)
{
    private const int Products = 500;
    private const int ObjectsPerProduct = 4;
    private const int PageSize = 100;

    [Fact]
    public async Task One_sweep_of_2000_objects_under_500_products_makes_ceil_2000_over_the_page_size_listings_and_reads_after_it_make_no_S3_call()
    {
        await using var api = new CleanShopApiFactory();
        api.Settings["ImageStorage:ListPageSize"] = PageSize.ToString(CultureInfo.InvariantCulture);
        api.Settings["ImageIndex:SweepInterval"] = "00:00:03";
        TestComponents.EnsureRunning();
        using (var s3 = CleanShopApiFactory.CreateS3Client())
        {
            await s3.PutBucketAsync(api.Isolation.Bucket);
            var keys = Enumerable.Range(1, Products).SelectMany(id => Enumerable.Range(1, ObjectsPerProduct).Select(n => $"{id}/{n}.png"));
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, ct) =>
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = api.Isolation.Bucket, Key = key, InputStream = new MemoryStream(TestImages.Png) }, ct));
        }

        await api.InitializeDatabaseOnlyAsync();
        await InsertProductsAsync(api);

        // A whole sweep, from its first page to its last: the one after the next finished one.
        await api.S3Calls.WaitForSweepsAsync(after: 0);
        var sweeps = api.S3Calls.Sweeps;
        var listsBefore = api.S3Calls.BackgroundLists;
        await api.S3Calls.WaitForSweepsAsync(after: sweeps);
        var listsPerSweep = api.S3Calls.BackgroundLists - listsBefore;

        var callsBefore = api.S3Calls.RequestPathCalls;
        var client = api.CreateClient();
        for (var id = 1; id <= Products; id++)
            Assert.Equal(ObjectsPerProduct, (await client.GetJsonObjectAsync($"/api/products/{id}"))["images"]!.AsArray().Count);
        var page = await client.GetJsonObjectAsync("/api/products?page=2&page_size=100");

        output.WriteLine($"one sweep of {Products * ObjectsPerProduct} objects with a page size of {PageSize}: {listsPerSweep} ListObjectsV2");
        Assert.Equal((Products * ObjectsPerProduct + PageSize - 1) / PageSize, listsPerSweep);
        Assert.Equal(100, page["results"]!.AsArray().Count);
        Assert.Equal(callsBefore, api.S3Calls.RequestPathCalls);
    }

    private static async Task InsertProductsAsync(CleanShopApiFactory api)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection) { Database = api.Isolation.Database }.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO products (name, description, price, category, is_featured, is_available, created_at, updated_at) " +
            $"SELECT 'Toy ' || n, '', 10.00, 'Animal', false, true, now(), now() FROM generate_series(1, {Products}) AS n", connection);
        await insert.ExecuteNonQueryAsync();
    }
}
