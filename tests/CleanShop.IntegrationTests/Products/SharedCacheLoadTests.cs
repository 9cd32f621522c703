using CleanShop.Application.Common.Paging;
using CleanShop.Application.Products;
using CleanShop.Application.Products.Queries.GetProducts;
using CleanShop.Application.Products.Queries.GetProductWithImages;
using CleanShop.IntegrationTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanShop.IntegrationTests.Products;

/// <summary>
/// HybridCache runs one load for all the requests that want the same entry at once. A client that hangs up while that
/// load waits on PostgreSQL ends its own request only: the requests still waiting get their answer. Each request is a
/// scope of the API's own container, as an endpoint's is, so that the test knows when the second one has joined the load
/// (its Send returns unfinished) and when the first one has ended (its scope is disposed).
/// </summary>
public sealed class SharedCacheLoadTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    [Theory]
    [InlineData("one product")]
    [InlineData("a list page")]
    public async Task A_request_that_hangs_up_during_a_shared_load_leaves_the_load_to_the_requests_still_waiting(string read)
    {
        var name = $"Shared load {Guid.NewGuid():N}";
        var id = await api.CreateAdminClient().CreateProductAsync(name);
        // Neither is kept yet: the product was never read, and creating it dropped every list.
        IMessage query = read == "one product" ? new GetProductWithImagesQuery(id) : new GetProductsQuery(PageSize: 100);

        await using var blocker = new NpgsqlConnection(api.Settings["ConnectionStrings:Catalog"]);
        await blocker.OpenAsync();
        await using var holdProducts = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE products IN ACCESS EXCLUSIVE MODE", blocker, holdProducts))
            await lockTable.ExecuteNonQueryAsync();

        var first = api.Services.CreateAsyncScope();
        using var hangUp = new CancellationTokenSource();
        var firstRead = Send(first, query, hangUp.Token);
        await using var second = api.Services.CreateAsyncScope();
        var secondRead = Send(second, query, CancellationToken.None);
        Assert.False(firstRead.IsCompleted, "the first read was answered without a load: it was cached already");
        Assert.False(secondRead.IsCompleted, "the second read did not wait for the load");

        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRead.WaitAsync(TimeSpan.FromSeconds(30)));
        await first.DisposeAsync(); // the first request is over: whatever it held goes back
        await holdProducts.RollbackAsync(); // PostgreSQL answers the load now

        var answer = await secondRead.WaitAsync(TimeSpan.FromSeconds(30));
        var names = answer switch
        {
            ProductResponse product => [product.Name],
            PagedList<ProductResponse> page => page.Items.Select(p => p.Name).ToArray(),
            _ => throw new InvalidOperationException($"unexpected answer {answer}"),
        };
        Assert.Contains(name, names);
    }

    private static Task<object?> Send(AsyncServiceScope request, IMessage query, CancellationToken cancellationToken) =>
        request.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken).AsTask();
}
