using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Detection;

internal sealed class ThresholdDetector(ThresholdDetectorOptions options, IWindowedCounterStore store) : IAnomalyDetector
{
    private readonly string _prefix = "anomaly:threshold:" + options.Name + ":";

    public string Name => options.Name;

    public async ValueTask<AnomalyDetection?> ObserveAsync(AnomalyObservation observation, CancellationToken cancellationToken)
    {
        if (observation.Signal is not { } kind || !options.Kinds.Contains(kind))
        {
            return null;
        }

        var count = await store.IncrementAsync(_prefix + observation.CallerId, 1, options.Window, cancellationToken).ConfigureAwait(false);
        return count >= options.MaxRetry
            ? new AnomalyDetection(Name, observation.CallerId, count, options.MaxRetry, options.Window) { Suspend = !options.Shadow }
            : null;
    }
}
