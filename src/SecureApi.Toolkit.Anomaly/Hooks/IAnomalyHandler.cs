namespace SecureApi.Toolkit.Anomaly.Hooks;

/// <summary>
/// The app's reaction to anomalies (alert, audit, lock an account). Called on a background task, never on a request's
/// path; an exception is logged and isolated, and a handler that runs longer than <c>AnomalyOptions.HandlerTimeout</c>
/// is abandoned. Register with <c>services.AddSingleton&lt;IAnomalyHandler, MyHandler&gt;()</c>.
/// </summary>
public interface IAnomalyHandler
{
    /// <summary>Handles a detection, a suspension or a lift.</summary>
    /// <param name="anomalyEvent">What happened, with the evidence.</param>
    /// <param name="cancellationToken">Cancelled when the handler times out or the application stops.</param>
    /// <returns>A task that completes when the handler is done.</returns>
    Task OnAnomalyAsync(AnomalyEvent anomalyEvent, CancellationToken cancellationToken);
}
