namespace SecureApi.Toolkit.Anomaly.Detection;

/// <summary>
/// Looks at each observation and tells when a caller behaves abnormally. Runs on the background processor, never on
/// the request's path, one observation at a time. Register custom detectors with
/// <c>services.AddSingleton&lt;IAnomalyDetector, MyDetector&gt;()</c>; keep counts in <c>IWindowedCounterStore</c> so
/// every instance sees them.
/// </summary>
public interface IAnomalyDetector
{
    /// <summary>Gets the detector's unique name, used in hooks, logs and metrics.</summary>
    string Name { get; }

    /// <summary>Counts <paramref name="observation"/> and reports a detection when the caller crossed the detector's threshold.</summary>
    /// <param name="observation">The signal or request.</param>
    /// <param name="cancellationToken">Cancelled when the application stops.</param>
    /// <returns>The detection, or <see langword="null"/> when nothing is abnormal.</returns>
    ValueTask<AnomalyDetection?> ObserveAsync(AnomalyObservation observation, CancellationToken cancellationToken);
}
