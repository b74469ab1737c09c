namespace SecureApi.Toolkit.Anomaly.Detection;

/// <summary>What every built-in detector has: a name, a window and shadow mode.</summary>
public abstract class AnomalyDetectorOptions
{
    /// <summary>Creates the options of a detector called <paramref name="name"/>.</summary>
    /// <param name="name">The detector's unique name; used in counter keys, hooks, logs and metrics.</param>
    protected AnomalyDetectorOptions(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>Gets the detector's unique name.</summary>
    public string Name { get; }

    /// <summary>
    /// Gets or sets whether the detector runs in shadow mode: it detects, logs, counts and calls the hooks, but never
    /// suspends. Use it to tune thresholds on live traffic before enforcing them.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Shadow { get; set; }

    /// <summary>Gets or sets how long the detector counts from the first event of a window.</summary>
    /// <value>The default is 10 minutes.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    internal abstract IAnomalyDetector Create(IServiceProvider services);

    internal virtual IEnumerable<string> Validate()
    {
        if (Window <= TimeSpan.Zero)
        {
            yield return $"Detector '{Name}': Window must be positive; set it to the period the detector counts over, for example TimeSpan.FromMinutes(10).";
        }
    }
}
