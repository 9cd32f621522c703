using CleanShop.Infrastructure.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanShop.Infrastructure.HealthChecks;

/// <summary>Ready when Redis answers a PING, or when none is configured (the cache is then in memory only).</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis.Multiplexer is null)
            return HealthCheckResult.Healthy("No Redis configured: the cache is in memory only.");
        try
        {
            await redis.Multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", exception);
        }
    }
}
