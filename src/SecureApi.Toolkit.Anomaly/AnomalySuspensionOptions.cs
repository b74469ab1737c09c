namespace SecureApi.Toolkit.Anomaly;

/// <summary>
/// How long detectors suspend a caller: <c>BaseDuration × Multiplier^(offence − 1)</c>, at most <see cref="MaxDuration"/>,
/// varied by ± <see cref="Jitter"/>. Offences are remembered for <see cref="OffenceMemory"/> after the latest one.
/// </summary>
public sealed class AnomalySuspensionOptions
{
    /// <summary>Gets or sets whether detectors suspend at all; when off, every detector behaves as in shadow mode.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the cool-down of a first offence.</summary>
    /// <value>The default is 15 minutes.</value>
    public TimeSpan BaseDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the factor each further offence multiplies the cool-down by (1 for no escalation).</summary>
    /// <value>The default is 2.</value>
    public double Multiplier { get; set; } = 2;

    /// <summary>Gets or sets the ceiling of the cool-down.</summary>
    /// <value>The default is 24 hours.</value>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the random variation of each cool-down, as a fraction (0.1 is ± 10 %), so clients do not all return at once.</summary>
    /// <value>The default is 0.1.</value>
    public double Jitter { get; set; } = 0.1;

    /// <summary>Gets or sets how long offences count for escalation after the latest one.</summary>
    /// <value>The default is 24 hours.</value>
    public TimeSpan OffenceMemory { get; set; } = TimeSpan.FromHours(24);
}
