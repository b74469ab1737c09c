using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Detection;

/// <summary>
/// Enumeration detection: <see cref="DistinctResources"/> distinct resource ids (for 404s, distinct paths) in signals
/// of the given <see cref="Kinds"/> within <see cref="AnomalyDetectorOptions.Window"/> detect the caller. Asking for
/// the same missing resource again does not count twice.
/// </summary>
public sealed class EnumerationDetectorOptions : AnomalyDetectorOptions
{
    /// <summary>Creates the options of an enumeration detector.</summary>
    /// <param name="name">The detector's unique name.</param>
    public EnumerationDetectorOptions(string name)
        : base(name)
    {
        Window = TimeSpan.FromMinutes(1);
    }

    /// <summary>Gets the signal kinds whose resource ids are counted.</summary>
    /// <value>The default is <see cref="SecuritySignalKind.NotFound"/> and <see cref="SecuritySignalKind.PermissionDenied"/>.</value>
    public ISet<SecuritySignalKind> Kinds { get; } = new HashSet<SecuritySignalKind> { SecuritySignalKind.NotFound, SecuritySignalKind.PermissionDenied };

    /// <summary>Gets or sets how many distinct resources within the window detect the caller.</summary>
    /// <value>The default is 50.</value>
    public int DistinctResources { get; set; } = 50;

    internal override IAnomalyDetector Create(IServiceProvider services) =>
        new EnumerationDetector(this, services.GetRequiredService<IWindowedCounterStore>());

    internal override IEnumerable<string> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (Kinds.Count == 0)
        {
            yield return $"Detector '{Name}': Kinds is empty; add the signal kinds whose resources to count, for example SecuritySignalKind.NotFound.";
        }

        if (DistinctResources < 1)
        {
            yield return $"Detector '{Name}': DistinctResources must be at least 1.";
        }
    }
}
