using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Redis.Health;

/// <summary>Reports whether Redis answers a PING within the command timeout. Never reveals connection strings.</summary>
internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await RedisCommands.RunAsync(connection, db => db.PingAsync(), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answered PING in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (StoreUnavailableException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.InnerException is null ? ex.Message : "Redis did not answer PING.");
        }
    }
}
