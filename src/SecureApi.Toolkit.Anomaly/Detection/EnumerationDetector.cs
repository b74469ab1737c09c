using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Detection;

internal sealed class EnumerationDetector(EnumerationDetectorOptions options, IWindowedCounterStore store) : IAnomalyDetector
{
    private readonly string _prefix = "anomaly:enumeration:" + options.Name + ":";

    public string Name => options.Name;

    public async ValueTask<AnomalyDetection?> ObserveAsync(AnomalyObservation observation, CancellationToken cancellationToken)
    {
        if (observation.Signal is not { } kind || !options.Kinds.Contains(kind) || string.IsNullOrEmpty(observation.ResourceId))
        {
            return null;
        }

        var distinct = await store.AddDistinctAsync(_prefix + observation.CallerId, observation.ResourceId, options.Window, cancellationToken).ConfigureAwait(false);
        return distinct >= options.DistinctResources
            ? new AnomalyDetection(Name, observation.CallerId, distinct, options.DistinctResources, options.Window) { Suspend = !options.Shadow }
            : null;
    }
}
