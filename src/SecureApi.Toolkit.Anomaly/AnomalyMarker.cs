namespace SecureApi.Toolkit.Anomaly;

/// <summary>Registered by <c>AddAnomalyDetection()</c>, so the <c>Use…</c> methods can tell that it was called.</summary>
internal sealed class AnomalyMarker;
