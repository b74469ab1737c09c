using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Anomaly.Hooks;
using SecureApi.Toolkit.Anomaly.Internal;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Detection;

/// <summary>
/// Runs every observation through every detector, then acts on detections: log and count, suspend (unless shadow,
/// allow-listed or already suspended) and call the hooks (once per caller and detector per de-duplication window,
/// counted in the shared counter store so that instances de-duplicate together). A failing store skips the
/// observation for that detector (fail open: detection is best effort, requests are never refused for it).
/// </summary>
internal sealed class AnomalyProcessor
{
    private readonly (IAnomalyDetector Detector, bool Shadow)[] _detectors;
    private readonly IWindowedCounterStore _counters;
    private readonly SuspensionService _suspensions;
    private readonly HookDispatcher _hooks;
    private readonly AnomalyMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CallerPseudonym _pseudonym;
    private readonly RecentEvents _recent;
    private readonly AnomalyOptions _options;

    public AnomalyProcessor(
        IServiceProvider services,
        IEnumerable<IAnomalyDetector> customDetectors,
        IOptions<AnomalyOptions> options,
        IWindowedCounterStore counters,
        SuspensionService suspensions,
        HookDispatcher hooks,
        AnomalyMetrics metrics,
        TimeProvider time,
        CallerPseudonym pseudonym,
        ILogger<AnomalyProcessor> logger)
    {
        _options = options.Value;
        _detectors = [.. _options.Detectors.Select(d => (d.Create(services), d.Shadow)), .. customDetectors.Select(d => (d, false))];
        _counters = counters;
        _suspensions = suspensions;
        _hooks = hooks;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _pseudonym = pseudonym;
        _recent = new RecentEvents(_options.EvidenceSampleSize);
    }

    public async ValueTask ProcessAsync(AnomalyObservation observation, CancellationToken cancellationToken)
    {
        _metrics.Signal(observation.Signal);
        if (observation.Signal is not null)
        {
            _recent.Add(observation);
        }

        foreach (var (detector, shadow) in _detectors)
        {
            AnomalyDetection? detection;
            try
            {
                detection = await detector.ObserveAsync(observation, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException exception)
            {
                _metrics.StoreFailed("count");
                AnomalyLog.StoreUnavailable(_logger, exception, "count");
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A custom detector's bug must not stop the others nor the processor.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                AnomalyLog.DetectorFailed(_logger, exception, detector.Name);
                continue;
            }

            if (detection is not null)
            {
                await OnDetectedAsync(detection, shadow || !detection.Suspend, observation, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask OnDetectedAsync(AnomalyDetection detection, bool shadow, AnomalyObservation observation, CancellationToken cancellationToken)
    {
        _metrics.Detection(detection.Detector, shadow);
        AnomalyLog.Detected(_logger, detection.Detector, _pseudonym.For(detection.CallerId), detection.Count, detection.Threshold, detection.Window, shadow);

        try
        {
            if (!shadow && _options.Suspension.Enabled)
            {
                await _suspensions.SuspendForDetectionAsync(detection.CallerId, observation.RemoteAddress, detection.Detector, cancellationToken).ConfigureAwait(false);
            }

            if (_hooks.HasHandlers && await IsFirstInWindowAsync(detection, cancellationToken).ConfigureAwait(false))
            {
                _hooks.Enqueue(new AnomalyEvent(AnomalyEventType.Detected, detection.CallerId, _time.GetUtcNow())
                {
                    Detector = detection.Detector,
                    Shadow = shadow,
                    Evidence = new AnomalyEvidence(detection.Count, detection.Threshold, detection.Window, _recent.Sample(detection.CallerId)),
                });
            }
        }
        catch (StoreUnavailableException exception)
        {
            _metrics.StoreFailed("suspend");
            AnomalyLog.StoreUnavailable(_logger, exception, "suspend");
        }
    }

    private async ValueTask<bool> IsFirstInWindowAsync(AnomalyDetection detection, CancellationToken cancellationToken)
    {
        var key = "anomaly:dedup:" + detection.Detector + ":" + detection.CallerId;
        return await _counters.IncrementAsync(key, 1, _options.DeduplicationWindow, cancellationToken).ConfigureAwait(false) == 1;
    }
}
