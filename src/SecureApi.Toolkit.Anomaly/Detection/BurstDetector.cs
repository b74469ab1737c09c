using System.Globalization;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Detection;

internal sealed class BurstDetector(BurstDetectorOptions options, IWindowedCounterStore store) : IAnomalyDetector
{
    private readonly string _slicePrefix = "anomaly:burst-slice:" + options.Name + ":";
    private readonly string _burstPrefix = "anomaly:burst:" + options.Name + ":";

    public string Name => options.Name;

    public async ValueTask<AnomalyDetection?> ObserveAsync(AnomalyObservation observation, CancellationToken cancellationToken)
    {
        // Bursts count requests, which the observer reports without a signal kind.
        if (observation.Signal is not null)
        {
            return null;
        }

        // Slices are aligned to the clock so that every instance counts a request into the same slice key.
        var slice = observation.Timestamp.ToUnixTimeMilliseconds() / (long)options.Slice.TotalMilliseconds;
        var sliceKey = _slicePrefix + observation.CallerId + ":" + slice.ToString(CultureInfo.InvariantCulture);
        var inSlice = await store.IncrementAsync(sliceKey, 1, options.Slice, cancellationToken).ConfigureAwait(false);

        // Only the request that makes the slice a burst counts the burst, so one long burst counts once.
        if (inSlice != options.RequestsPerSlice + 1)
        {
            return null;
        }

        var bursts = await store.IncrementAsync(_burstPrefix + observation.CallerId, 1, options.Window, cancellationToken).ConfigureAwait(false);
        return bursts >= options.Bursts
            ? new AnomalyDetection(Name, observation.CallerId, bursts, options.Bursts, options.Window) { Suspend = !options.Shadow }
            : null;
    }
}
