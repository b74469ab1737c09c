using Microsoft.Extensions.Hosting;
using SecureApi.Toolkit.Anomaly.Signals;

namespace SecureApi.Toolkit.Anomaly.Detection;

/// <summary>Drains the signal queue into the processor, one observation at a time, off every request's path.</summary>
internal sealed class AnomalyProcessingService(SignalQueue queue, AnomalyProcessor processor) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var observation in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await processor.ProcessAsync(observation, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: observations still queued are dropped with the process.
        }
    }
}
