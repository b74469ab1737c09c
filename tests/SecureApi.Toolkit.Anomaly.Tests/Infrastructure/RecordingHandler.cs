using System.Threading.Channels;
using SecureApi.Toolkit.Anomaly.Hooks;

namespace SecureApi.Toolkit.Anomaly.Tests.Infrastructure;

/// <summary>A hook that records every event, so tests await the real event instead of waiting for time to pass.</summary>
internal sealed class RecordingHandler : IAnomalyHandler
{
    private readonly Channel<AnomalyEvent> _events = Channel.CreateUnbounded<AnomalyEvent>();
    private readonly List<AnomalyEvent> _seen = [];

    public IReadOnlyList<AnomalyEvent> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public Task OnAnomalyAsync(AnomalyEvent anomalyEvent, CancellationToken cancellationToken)
    {
        lock (_seen)
        {
            _seen.Add(anomalyEvent);
        }

        _events.Writer.TryWrite(anomalyEvent);
        return Task.CompletedTask;
    }

    /// <summary>Returns the next event that matches, waiting at most 30 seconds for it (some events travel through a real Redis on a loaded machine).</summary>
    public async Task<AnomalyEvent> WaitForAsync(Func<AnomalyEvent, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = await _events.Reader.ReadAsync(timeout.Token);
            if (match(next))
            {
                return next;
            }
        }
    }
}
