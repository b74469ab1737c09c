using Microsoft.Extensions.Hosting;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Redis.RateLimiting;

/// <summary>
/// Runs the rate-limit store's fleet heartbeat on the injected <see cref="TimeProvider"/>: at start (in the background,
/// never blocking the host) and every <see cref="RedisRateLimitStore.HeartbeatInterval"/>; at stop the instance leaves the
/// fleet. Does nothing when the rate-limit store is not the Redis one.
/// </summary>
internal sealed class RedisRateLimitHeartbeat(IServiceProvider services, TimeProvider time) : IHostedService, IAsyncDisposable
{
    private RedisRateLimitStore? _store;
    private ITimer? _timer;
    private int _beating;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _store = services.GetService(typeof(IRateLimitStore)) as RedisRateLimitStore;
        if (_store is not null)
        {
            _timer = time.CreateTimer(_ => Beat(), null, TimeSpan.Zero, RedisRateLimitStore.HeartbeatInterval);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
            _timer = null;
        }

        if (_store is not null)
        {
            await _store.LeaveAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _timer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void Beat()
    {
        // One beat at a time: a slow Redis must not pile up heartbeats.
        if (Interlocked.CompareExchange(ref _beating, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await _store!.HeartbeatAsync().ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _beating, 0);
            }
        });
    }
}
