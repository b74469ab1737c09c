using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Detection;

/// <summary>
/// OWASP CRS-style anomaly scoring: each signal adds <c>Weights[kind] × signal.Weight</c> to the caller's score
/// within <see cref="AnomalyDetectorOptions.Window"/>; reaching <see cref="Threshold"/> detects the caller.
/// Kinds without a weight score nothing.
/// </summary>
public sealed class ScoreDetectorOptions : AnomalyDetectorOptions
{
    /// <summary>Creates the options of a score detector with the CRS-like default weights.</summary>
    /// <param name="name">The detector's unique name.</param>
    public ScoreDetectorOptions(string name)
        : base(name)
    {
    }

    /// <summary>Gets the score per signal kind.</summary>
    /// <value>
    /// The default is CRS-like: critical 5 for AuthenticationFailed, SignatureRejected, Replay and HashingRejected;
    /// error 4 for PermissionDenied; warning 3 for RateLimitRefused and BadRequest; notice 2 for NotFound and
    /// ServerError; 1 for RateLimitNearLimit and Custom.
    /// </value>
    public IDictionary<SecuritySignalKind, int> Weights { get; } = new Dictionary<SecuritySignalKind, int>
    {
        [SecuritySignalKind.AuthenticationFailed] = 5,
        [SecuritySignalKind.SignatureRejected] = 5,
        [SecuritySignalKind.Replay] = 5,
        [SecuritySignalKind.HashingRejected] = 5,
        [SecuritySignalKind.PermissionDenied] = 4,
        [SecuritySignalKind.RateLimitRefused] = 3,
        [SecuritySignalKind.BadRequest] = 3,
        [SecuritySignalKind.NotFound] = 2,
        [SecuritySignalKind.ServerError] = 2,
        [SecuritySignalKind.RateLimitNearLimit] = 1,
        [SecuritySignalKind.Custom] = 1,
    };

    /// <summary>Gets or sets the score within the window that detects the caller.</summary>
    /// <value>The default is 100.</value>
    public int Threshold { get; set; } = 100;

    internal override IAnomalyDetector Create(IServiceProvider services) =>
        new ScoreDetector(this, services.GetRequiredService<IWindowedCounterStore>());

    internal override IEnumerable<string> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (Threshold < 1)
        {
            yield return $"Detector '{Name}': Threshold must be at least 1.";
        }

        if (Weights.Values.Any(w => w < 0))
        {
            yield return $"Detector '{Name}': Weights must not be negative; remove a kind to ignore it.";
        }
    }
}
