namespace CleanShop.IntegrationTests.Support;

/// <summary>Two API instances sharing one Redis, one bucket and one database, started before each test and stopped after it.</summary>
public abstract class TwoInstanceTestBase : IAsyncLifetime
{
    protected CleanShopApiFactory First { get; } = new();

    protected CleanShopApiFactory Second { get; private set; } = null!;

    /// <summary>Settings each instance starts with, beyond the defaults.</summary>
    protected virtual void Configure(CleanShopApiFactory instance)
    {
    }

    public async Task InitializeAsync()
    {
        Configure(First);
        await First.InitializeAsync();
        Second = CleanShopApiFactory.SecondInstanceOf(First);
        Configure(Second);
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
