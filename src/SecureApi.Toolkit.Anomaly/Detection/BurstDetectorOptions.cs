using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Detection;

/// <summary>
/// CRS-style burst detection: a slice of <see cref="Slice"/> with more than <see cref="RequestsPerSlice"/> requests
/// is a burst; <see cref="Bursts"/> bursts within <see cref="AnomalyDetectorOptions.Window"/> detect the caller.
/// Counting every request makes the observer report each request, so the detector costs a little on every request;
/// it is not among the defaults.
/// </summary>
public sealed class BurstDetectorOptions : AnomalyDetectorOptions
{
    /// <summary>Creates the options of a burst detector.</summary>
    /// <param name="name">The detector's unique name.</param>
    public BurstDetectorOptions(string name)
        : base(name)
    {
        Window = TimeSpan.FromMinutes(1);
    }

    /// <summary>Gets or sets the time slice requests are counted in (slices are aligned to the clock).</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan Slice { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many requests a slice may hold; one more makes it a burst.</summary>
    /// <value>The default is 50.</value>
    public int RequestsPerSlice { get; set; } = 50;

    /// <summary>Gets or sets how many bursts within the window detect the caller.</summary>
    /// <value>The default is 3.</value>
    public int Bursts { get; set; } = 3;

    internal override IAnomalyDetector Create(IServiceProvider services) =>
        new BurstDetector(this, services.GetRequiredService<IWindowedCounterStore>());

    internal override IEnumerable<string> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (Slice <= TimeSpan.Zero || Slice > Window)
        {
            yield return $"Detector '{Name}': Slice must be positive and no longer than Window.";
        }

        if (RequestsPerSlice < 1 || Bursts < 1)
        {
            yield return $"Detector '{Name}': RequestsPerSlice and Bursts must be at least 1.";
        }
    }
}
