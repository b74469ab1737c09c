using System.Net;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Hooks;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly;

/// <summary>Options of <c>AddAnomalyDetection()</c>: detectors, cool-downs, lists, hooks and queues.</summary>
public sealed class AnomalyOptions
{
    /// <summary>The name of the default threshold detector on failed credentials, signatures, replays and hashing refusals.</summary>
    public const string CredentialFailuresDetector = "credential-failures";

    /// <summary>The name of the default enumeration detector on distinct 404 paths and denied resources.</summary>
    public const string EnumerationDetector = "enumeration";

    /// <summary>The name of the default anomaly-score detector.</summary>
    public const string ScoreDetector = "score";

    /// <summary>Creates the options with the default detectors.</summary>
    public AnomalyOptions()
    {
        var credentials = new ThresholdDetectorOptions(CredentialFailuresDetector);
        credentials.Kinds.Add(SecuritySignalKind.AuthenticationFailed);
        credentials.Kinds.Add(SecuritySignalKind.SignatureRejected);
        credentials.Kinds.Add(SecuritySignalKind.Replay);
        credentials.Kinds.Add(SecuritySignalKind.HashingRejected);
        Detectors.Add(credentials);
        Detectors.Add(new EnumerationDetectorOptions(EnumerationDetector));
        Detectors.Add(new ScoreDetectorOptions(ScoreDetector));
    }

    /// <summary>
    /// Gets the configured detectors. Add with <see cref="AddThreshold"/>, <see cref="AddScore"/>, <see cref="AddBurst"/>
    /// and <see cref="AddEnumeration"/>, change one with <see cref="Detector{T}"/>, or <c>Clear()</c> to start over.
    /// Detectors registered as <see cref="IAnomalyDetector"/> services run too.
    /// </summary>
    /// <value>
    /// The default is <see cref="CredentialFailuresDetector"/> (10 within 10 minutes), <see cref="EnumerationDetector"/>
    /// (50 distinct within 1 minute) and <see cref="ScoreDetector"/> (100 points within 10 minutes).
    /// </value>
    public IList<AnomalyDetectorOptions> Detectors { get; } = [];

    /// <summary>Gets the cool-down and escalation of suspensions made by detectors.</summary>
    public AnomalySuspensionOptions Suspension { get; } = new();

    /// <summary>
    /// Gets caller ids that are never suspended, for example <c>sub:monitoring</c> or <c>ip:10.0.0.5</c>. Their
    /// signals are still detected and reported to the hooks.
    /// </summary>
    /// <value>The default is empty.</value>
    public ISet<string> AllowList { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets networks whose callers (by address after trusted-proxy processing) are never suspended.</summary>
    /// <value>The default is empty.</value>
    public IList<IPNetwork> AllowedNetworks { get; } = [];

    /// <summary>Gets caller ids that are always refused (403 problem+json, reason <c>caller-denied</c>).</summary>
    /// <value>The default is empty.</value>
    public ISet<string> DenyList { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets networks whose callers are always refused.</summary>
    /// <value>The default is empty.</value>
    public IList<IPNetwork> DeniedNetworks { get; } = [];

    /// <summary>
    /// Gets or sets how many observations may wait for the background processor. When the queue is full, new ones are
    /// dropped and counted (<c>secureapi.anomaly.signals.dropped</c>): a request never waits for detection.
    /// </summary>
    /// <value>The default is 10 000.</value>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets whether the observer reports 404, 400 and 5xx responses as signals.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ObserveResponses { get; set; } = true;

    /// <summary>Gets or sets how many recent signals of the caller a hook receives as evidence.</summary>
    /// <value>The default is 10.</value>
    public int EvidenceSampleSize { get; set; } = 10;

    /// <summary>Gets or sets how long a hook may run before it is abandoned (and logged); the request never waits for it.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the window in which repeated detections of one caller by one detector call the hooks once.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many hook events may wait; when full, new ones are dropped and logged.</summary>
    /// <value>The default is 1 000.</value>
    public int HookQueueCapacity { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets how often each instance reloads the active suspensions from the store, to recover changes it
    /// missed (for example while the Redis connection was down); changes normally arrive at once by subscription.
    /// </summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan CacheResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets a hook called when a detector detects a caller (shortcut for an <see cref="IAnomalyHandler"/>).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<AnomalyEvent, CancellationToken, Task>? OnDetected { get; set; }

    /// <summary>Gets or sets a hook called when a caller is suspended.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<AnomalyEvent, CancellationToken, Task>? OnSuspended { get; set; }

    /// <summary>Gets or sets a hook called when a suspension is lifted, by hand or because it expired.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<AnomalyEvent, CancellationToken, Task>? OnLifted { get; set; }

    /// <summary>Adds (or replaces) a threshold detector.</summary>
    /// <param name="name">The detector's unique name.</param>
    /// <param name="configure">Sets its kinds, count and window.</param>
    /// <returns>These options, for chaining.</returns>
    public AnomalyOptions AddThreshold(string name, Action<ThresholdDetectorOptions> configure) => Add(new ThresholdDetectorOptions(name), configure);

    /// <summary>Adds (or replaces) an anomaly-score detector.</summary>
    /// <param name="name">The detector's unique name.</param>
    /// <param name="configure">Sets its weights, threshold and window.</param>
    /// <returns>These options, for chaining.</returns>
    public AnomalyOptions AddScore(string name, Action<ScoreDetectorOptions> configure) => Add(new ScoreDetectorOptions(name), configure);

    /// <summary>Adds (or replaces) a burst detector.</summary>
    /// <param name="name">The detector's unique name.</param>
    /// <param name="configure">Sets its slice, requests per slice, bursts and window.</param>
    /// <returns>These options, for chaining.</returns>
    public AnomalyOptions AddBurst(string name, Action<BurstDetectorOptions> configure) => Add(new BurstDetectorOptions(name), configure);

    /// <summary>Adds (or replaces) an enumeration detector.</summary>
    /// <param name="name">The detector's unique name.</param>
    /// <param name="configure">Sets its kinds, distinct resources and window.</param>
    /// <returns>These options, for chaining.</returns>
    public AnomalyOptions AddEnumeration(string name, Action<EnumerationDetectorOptions> configure) => Add(new EnumerationDetectorOptions(name), configure);

    /// <summary>Gets a configured detector's options by name, to change them.</summary>
    /// <typeparam name="T">The detector's options type.</typeparam>
    /// <param name="name">The detector's name.</param>
    /// <returns>Its options.</returns>
    /// <exception cref="InvalidOperationException">No detector of that name and type is configured.</exception>
    public T Detector<T>(string name)
        where T : AnomalyDetectorOptions =>
        Detectors.OfType<T>().FirstOrDefault(d => d.Name == name)
        ?? throw new InvalidOperationException($"No {typeof(T).Name} named '{name}' is configured in AnomalyOptions.Detectors.");

    private AnomalyOptions Add<T>(T detector, Action<T> configure)
        where T : AnomalyDetectorOptions
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(detector);
        for (var i = Detectors.Count - 1; i >= 0; i--)
        {
            if (Detectors[i].Name == detector.Name)
            {
                Detectors.RemoveAt(i);
            }
        }

        Detectors.Add(detector);
        return this;
    }
}
