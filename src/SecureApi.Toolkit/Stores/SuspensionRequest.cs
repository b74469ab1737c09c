namespace SecureApi.Toolkit.Stores;

/// <summary>What <see cref="ISuspensionStore.SuspendAsync"/> should do: the reason and the cool-down with its escalation.</summary>
public sealed record SuspensionRequest
{
    /// <summary>Gets the stable reason code, for example the detector's name or <c>manual</c>.</summary>
    /// <value>The default is <c>"anomaly"</c>.</value>
    public string Reason { get; init; } = "anomaly";

    /// <summary>Gets the cool-down of a first offence.</summary>
    /// <value>The default is 15 minutes.</value>
    public TimeSpan BaseDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets the factor each further offence within <see cref="OffenceMemory"/> multiplies the cool-down by.</summary>
    /// <value>The default is 1 (no escalation).</value>
    public double Multiplier { get; init; } = 1;

    /// <summary>Gets the longest cool-down, whatever the escalation and jitter.</summary>
    /// <value>The default is 24 hours.</value>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets the factor the computed cool-down is multiplied by, chosen at random by the caller around 1 (for example
    /// between 0.9 and 1.1), so that suspended clients do not all come back at the same instant.
    /// </summary>
    /// <value>The default is 1 (no jitter).</value>
    public double JitterFactor { get; init; } = 1;

    /// <summary>Gets how long offences are remembered for escalation after the latest suspension ends.</summary>
    /// <value>The default is 24 hours.</value>
    public TimeSpan OffenceMemory { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Gets whether to replace a suspension in force (manual suspensions) instead of keeping it.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Replace { get; init; }

    /// <summary>Computes the cool-down of the given offence.</summary>
    /// <param name="offence">The offence number, 1 for the first.</param>
    /// <returns>The cool-down, at least one millisecond and at most <see cref="MaxDuration"/>.</returns>
    public TimeSpan DurationFor(int offence)
    {
        var ms = BaseDuration.TotalMilliseconds * Math.Pow(Multiplier, Math.Max(0, offence - 1)) * JitterFactor;
        ms = Math.Clamp(ms, 1, MaxDuration.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Floor(ms));
    }
}
