using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Anomaly.Hooks;

/// <summary>
/// Calls the app's hooks on a background task. Each invocation runs on the thread pool (so even a handler that blocks
/// synchronously cannot stall the others), is abandoned after <c>HandlerTimeout</c>, and has its exception logged.
/// </summary>
internal sealed class HookDispatcher : BackgroundService
{
    private readonly Channel<AnomalyEvent> _queue;
    private readonly (string Name, Func<AnomalyEvent, CancellationToken, Task> Invoke)[] _handlers;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly AnomalyMetrics _metrics;
    private readonly ILogger _logger;

    public HookDispatcher(IEnumerable<IAnomalyHandler> handlers, IOptions<AnomalyOptions> options, TimeProvider time, AnomalyMetrics metrics, ILogger<HookDispatcher> logger)
    {
        var o = options.Value;
        _queue = Channel.CreateBounded<AnomalyEvent>(new BoundedChannelOptions(o.HookQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var list = handlers.Select(h => (h.GetType().Name, (Func<AnomalyEvent, CancellationToken, Task>)h.OnAnomalyAsync)).ToList();
        AddShortcut(list, nameof(o.OnDetected), AnomalyEventType.Detected, o.OnDetected);
        AddShortcut(list, nameof(o.OnSuspended), AnomalyEventType.Suspended, o.OnSuspended);
        AddShortcut(list, nameof(o.OnLifted), AnomalyEventType.Lifted, o.OnLifted);
        _handlers = [.. list];
        _timeout = o.HandlerTimeout;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    public bool HasHandlers => _handlers.Length != 0;

    internal int Pending => _queue.Reader.Count;

    internal bool TryTake(out AnomalyEvent anomalyEvent) => _queue.Reader.TryRead(out anomalyEvent!);

    public void Enqueue(AnomalyEvent anomalyEvent)
    {
        if (_handlers.Length != 0 && !_queue.Writer.TryWrite(anomalyEvent))
        {
            AnomalyLog.HookDropped(_logger, anomalyEvent.Type.ToString());
        }
    }

    internal Task DispatchAsync(AnomalyEvent anomalyEvent, CancellationToken cancellationToken)
    {
        var calls = new Task[_handlers.Length];
        for (var i = 0; i < _handlers.Length; i++)
        {
            calls[i] = InvokeAsync(_handlers[i].Name, _handlers[i].Invoke, anomalyEvent, cancellationToken);
        }

        return Task.WhenAll(calls);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var anomalyEvent in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await DispatchAsync(anomalyEvent, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: events still queued are dropped with the process.
        }
    }

    private static void AddShortcut(List<(string, Func<AnomalyEvent, CancellationToken, Task>)> list, string name, AnomalyEventType type, Func<AnomalyEvent, CancellationToken, Task>? hook)
    {
        if (hook is not null)
        {
            list.Add((name, (e, ct) => e.Type == type ? hook(e, ct) : Task.CompletedTask));
        }
    }

    private async Task InvokeAsync(string name, Func<AnomalyEvent, CancellationToken, Task> handler, AnomalyEvent anomalyEvent, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        var call = Task.Run(() => handler(anomalyEvent, linked.Token), CancellationToken.None);
        try
        {
            await call.WaitAsync(_timeout, _time, stoppingToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Abandon(call);
            _metrics.HandlerFailed("timeout");
            AnomalyLog.HandlerTimedOut(_logger, name, anomalyEvent.Type.ToString(), _timeout);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _metrics.HandlerFailed("timeout");
            AnomalyLog.HandlerTimedOut(_logger, name, anomalyEvent.Type.ToString(), _timeout);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Abandon(call);
        }
#pragma warning disable CA1031 // A hook's failure must never escape into detection or a request; it is logged and counted.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _metrics.HandlerFailed("error");
            AnomalyLog.HandlerFailed(_logger, exception, name, anomalyEvent.Type.ToString());
        }
    }

    // An abandoned handler may still fault later; observe it so it never surfaces as an unobserved task exception.
    private static void Abandon(Task call) =>
        call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
