namespace SecureApi.Toolkit.Anomaly.Hooks;

/// <summary>The kinds of event the hooks receive.</summary>
public enum AnomalyEventType
{
    /// <summary>A detector detected a caller (once per caller and detector within the de-duplication window).</summary>
    Detected = 1,

    /// <summary>A caller was suspended, by a detector or by hand.</summary>
    Suspended = 2,

    /// <summary>A suspension was lifted, by hand or because its cool-down ended.</summary>
    Lifted = 3,
}
