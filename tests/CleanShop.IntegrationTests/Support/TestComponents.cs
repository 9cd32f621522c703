using System.Net.Sockets;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// The real components the integration tests run against, as `build/test` starts them
/// (`build/services start`). Addresses come from the same variables `build/services env` prints.
/// </summary>
public static class TestComponents
{
    public static string PostgresConnection { get; } =
        Environment.GetEnvironmentVariable("ConnectionStrings__Catalog") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=cleanshop";

    public static string RedisConnection { get; } =
        Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:56379";

    public static string S3ServiceUrl { get; } =
        Environment.GetEnvironmentVariable("ImageStorage__ServiceUrl") ?? "http://127.0.0.1:4566";

    public const string S3AccessKey = "S3RVER";
    public const string S3SecretKey = "S3RVER";

    /// <summary>Drops a test's own database, closing the connections pooled to it first.</summary>
    public static async Task DropDatabaseAsync(string database)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(PostgresConnection);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static readonly Lazy<string?> Unreachable = new(FindUnreachable);

    /// <summary>Fails (never skips) with the command that starts what is missing.</summary>
    public static void EnsureRunning()
    {
        if (Unreachable.Value is { } message)
            throw new InvalidOperationException(message);
    }

    private static string? FindUnreachable()
    {
        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnection);
        var redis = RedisConnection.Split(',')[0].Split(':');
        var s3 = new Uri(S3ServiceUrl);
        var missing = new List<string>();
        if (!CanConnect(npgsql.Host!, npgsql.Port)) missing.Add($"PostgreSQL at {npgsql.Host}:{npgsql.Port}");
        if (!CanConnect(redis[0], int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture))) missing.Add($"Redis at {RedisConnection}");
        if (!CanConnect(s3.Host, s3.Port)) missing.Add($"the S3 emulator at {S3ServiceUrl}");
        return missing.Count == 0
            ? null
            : $"The integration tests need {string.Join(", ", missing)}, which cannot be reached. Start them with `build/services start` (or run every test with `build/test`, which starts them).";
    }

    private static bool CanConnect(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
