using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Hooks;

/// <summary>An event for the hooks: a detection, a suspension or a lift.</summary>
public sealed class AnomalyEvent
{
    /// <summary>Creates an event.</summary>
    /// <param name="type">What happened.</param>
    /// <param name="callerId">The caller's id.</param>
    /// <param name="timestamp">When it happened.</param>
    public AnomalyEvent(AnomalyEventType type, string callerId, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        Type = type;
        CallerId = callerId;
        Timestamp = timestamp;
    }

    /// <summary>Gets what happened.</summary>
    public AnomalyEventType Type { get; }

    /// <summary>Gets the caller's id, for example <c>ip:203.0.113.7</c> or <c>sub:alice</c>.</summary>
    public string CallerId { get; }

    /// <summary>Gets when it happened.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the detector that detected the caller or caused the suspension, when there was one.</summary>
    /// <value>The default is <see langword="null"/> (manual suspensions and lifts).</value>
    public string? Detector { get; init; }

    /// <summary>Gets whether the detection came from a detector in shadow mode (detected, not suspended).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Shadow { get; init; }

    /// <summary>Gets the evidence of a detection.</summary>
    /// <value>The default is <see langword="null"/> (lifts and manual suspensions).</value>
    public AnomalyEvidence? Evidence { get; init; }

    /// <summary>Gets the suspension made or lifted.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Suspension? Suspension { get; init; }

    /// <summary>Gets why a suspension was lifted: <c>manual</c> or <c>expired</c>.</summary>
    /// <value>The default is <see langword="null"/> (not a lift).</value>
    public string? LiftReason { get; init; }
}
