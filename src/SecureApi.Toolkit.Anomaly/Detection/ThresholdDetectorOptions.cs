using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.Toolkit.Anomaly.Detection;

/// <summary>
/// fail2ban-style detection: <see cref="MaxRetry"/> signals of the given <see cref="Kinds"/> within
/// <see cref="AnomalyDetectorOptions.Window"/> (fail2ban's find-time) detect the caller.
/// </summary>
public sealed class ThresholdDetectorOptions : AnomalyDetectorOptions
{
    /// <summary>Creates the options of a threshold detector.</summary>
    /// <param name="name">The detector's unique name.</param>
    public ThresholdDetectorOptions(string name)
        : base(name)
    {
    }

    /// <summary>Gets the signal kinds the detector counts.</summary>
    /// <value>The default is empty; add at least one kind.</value>
    public ISet<SecuritySignalKind> Kinds { get; } = new HashSet<SecuritySignalKind>();

    /// <summary>Gets or sets how many signals within the window detect the caller (the count that reaches it detects).</summary>
    /// <value>The default is 10.</value>
    public int MaxRetry { get; set; } = 10;

    internal override IAnomalyDetector Create(IServiceProvider services) =>
        new ThresholdDetector(this, services.GetRequiredService<IWindowedCounterStore>());

    internal override IEnumerable<string> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (Kinds.Count == 0)
        {
            yield return $"Detector '{Name}': Kinds is empty; add the signal kinds to count, for example SecuritySignalKind.AuthenticationFailed.";
        }

        if (MaxRetry < 1)
        {
            yield return $"Detector '{Name}': MaxRetry must be at least 1.";
        }
    }
}
