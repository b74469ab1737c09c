namespace SecureApi.Toolkit.Anomaly.Hooks;

/// <summary>Why a detector detected a caller: the count against the threshold, the window, and the caller's recent signals.</summary>
/// <param name="Count">The count, score, distinct resources or bursts reached.</param>
/// <param name="Threshold">The threshold it reached.</param>
/// <param name="Window">The window counted over.</param>
/// <param name="RecentEvents">The caller's most recent signals seen by this instance, oldest first (reason codes and resource ids, no secrets).</param>
public sealed record AnomalyEvidence(long Count, long Threshold, TimeSpan Window, IReadOnlyList<AnomalyObservation> RecentEvents);
