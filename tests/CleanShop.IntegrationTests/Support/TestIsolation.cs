namespace CleanShop.IntegrationTests.Support;

/// <summary>What keeps one test class's data away from every other's: its own database, bucket and Redis key prefix.</summary>
public sealed record TestIsolation(string Database, string Bucket, string RedisKeyPrefix)
{
    public static TestIsolation CreateNew()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new TestIsolation($"cleanshop_test_{id}", $"test-{id}", $"cleanshop:test:{id}:");
    }
}
