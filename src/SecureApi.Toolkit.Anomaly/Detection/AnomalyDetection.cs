namespace SecureApi.Toolkit.Anomaly.Detection;

/// <summary>What a detector found: the caller, the count it reached, the threshold and the window.</summary>
public sealed class AnomalyDetection
{
    /// <summary>Creates a detection.</summary>
    /// <param name="detector">The detector's name.</param>
    /// <param name="callerId">The caller's id.</param>
    /// <param name="count">The count (or score, or number of distinct resources, or bursts) reached.</param>
    /// <param name="threshold">The threshold it reached.</param>
    /// <param name="window">The window it was counted over.</param>
    public AnomalyDetection(string detector, string callerId, long count, long threshold, TimeSpan window)
    {
        ArgumentException.ThrowIfNullOrEmpty(detector);
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        Detector = detector;
        CallerId = callerId;
        Count = count;
        Threshold = threshold;
        Window = window;
    }

    /// <summary>Gets the detector's name.</summary>
    public string Detector { get; }

    /// <summary>Gets the caller's id.</summary>
    public string CallerId { get; }

    /// <summary>Gets the count reached within the window.</summary>
    public long Count { get; }

    /// <summary>Gets the threshold that was reached.</summary>
    public long Threshold { get; }

    /// <summary>Gets the window the count covers.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets or sets whether the detection should suspend the caller (shadow-mode detections do not).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Suspend { get; init; } = true;
}
