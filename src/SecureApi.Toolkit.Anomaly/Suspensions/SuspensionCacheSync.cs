using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Suspensions;

/// <summary>
/// Keeps this instance's suspension cache in step with the store: subscribes to changes (made here or on another
/// instance), loads the active suspensions at start-up, and reloads them every <c>CacheResyncInterval</c> to recover
/// changes missed while disconnected. A cold store never fails start-up: the failure is logged and retried.
/// </summary>
internal sealed class SuspensionCacheSync(
    ISuspensionStore store,
    SuspensionService suspensions,
    SuspensionCache cache,
    IOptions<AnomalyOptions> options,
    AnomalyMetrics metrics,
    TimeProvider time,
    ILogger<SuspensionCacheSync> logger) : BackgroundService
{
    private IAsyncDisposable? _subscription;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveActiveSuspensions(() => cache.Count);
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal async Task SyncAsync(CancellationToken cancellationToken)
    {
        // Subscribing first means no change falls between the load and the subscription. A failed subscription (on
        // Redis, the pub/sub connection can lag the first command) must not skip the load: a new instance would then
        // serve suspended callers until the next resynchronization.
        try
        {
            _subscription ??= await store.SubscribeAsync(suspensions.OnStoreChange, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException exception)
        {
            metrics.StoreFailed("sync");
            AnomalyLog.CacheSyncFailed(logger, exception);
        }

        try
        {
            var started = time.GetUtcNow();
            var active = await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
            cache.Load(active, started);
        }
        catch (StoreUnavailableException exception)
        {
            metrics.StoreFailed("sync");
            AnomalyLog.CacheSyncFailed(logger, exception);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.CacheResyncInterval, time, stoppingToken).ConfigureAwait(false);
                await SyncAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
