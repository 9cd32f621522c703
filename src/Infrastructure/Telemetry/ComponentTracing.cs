using CleanShop.Infrastructure.Caching;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Trace;

namespace CleanShop.Infrastructure.Telemetry;

/// <summary>Spans for the calls this layer makes: PostgreSQL (Npgsql), Redis (StackExchange.Redis) and S3.</summary>
public static class ComponentTracing
{
    public static TracerProviderBuilder AddComponentInstrumentation(this TracerProviderBuilder tracing) => tracing
        // The AWS SDK sends its S3 requests through HttpClient: each becomes an HTTP client span.
        .AddHttpClientInstrumentation()
        .AddNpgsql()
        .AddRedisInstrumentation()
        .ConfigureRedisInstrumentation((services, redis) =>
        {
            // The process's one connection; none when the cache runs in memory only.
            if (services.GetRequiredService<RedisConnection>().Multiplexer is { } multiplexer)
                redis.AddConnection(multiplexer);
        });
}
