using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Detection;

internal sealed class ScoreDetector(ScoreDetectorOptions options, IWindowedCounterStore store) : IAnomalyDetector
{
    private readonly string _prefix = "anomaly:score:" + options.Name + ":";

    public string Name => options.Name;

    public async ValueTask<AnomalyDetection?> ObserveAsync(AnomalyObservation observation, CancellationToken cancellationToken)
    {
        if (observation.Signal is not { } kind || !options.Weights.TryGetValue(kind, out var weight))
        {
            return null;
        }

        var score = (long)weight * Math.Max(0, observation.Weight);
        if (score == 0)
        {
            return null;
        }

        var total = await store.IncrementAsync(_prefix + observation.CallerId, score, options.Window, cancellationToken).ConfigureAwait(false);
        return total >= options.Threshold
            ? new AnomalyDetection(Name, observation.CallerId, total, options.Threshold, options.Window) { Suspend = !options.Shadow }
            : null;
    }
}
