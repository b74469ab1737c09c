namespace SecureApi.Toolkit.RequestSigning;

/// <summary>What verification does when the replay store cannot answer.</summary>
public enum ReplayStoreFailureMode
{
    /// <summary>Reject the request (503, reason <c>replay-check-unavailable</c>): a replay is never admitted.</summary>
    FailClosed = 0,

    /// <summary>Accept the signed request without the replay check, with a warning log and a metric.</summary>
    FailOpen = 1,
}
