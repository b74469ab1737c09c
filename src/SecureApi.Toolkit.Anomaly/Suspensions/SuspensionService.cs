using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Anomaly.Hooks;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Suspensions;

/// <summary>
/// Makes and lifts suspensions through the store, keeps this instance's cache in step, raises the hook events and
/// notices when a suspension this instance made expires (to raise the lift event).
/// </summary>
internal sealed class SuspensionService(
    ISuspensionStore store,
    SuspensionCache cache,
    CallerLists lists,
    HookDispatcher hooks,
    IOptions<AnomalyOptions> options,
    AnomalyMetrics metrics,
    TimeProvider time,
    CallerPseudonym pseudonym,
    ILogger<SuspensionService> logger) : ISuspensionService, IDisposable
{
    private readonly ConcurrentDictionary<string, ITimer> _expiryTimers = new(StringComparer.Ordinal);

    public async ValueTask<Suspension> SuspendAsync(string callerId, TimeSpan duration, string reason = "manual", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        if (lists.IsAllowed(callerId, null))
        {
            throw new InvalidOperationException($"Caller '{callerId}' is on AnomalyOptions.AllowList and is never suspended; remove it from the allow-list first.");
        }

        var request = new SuspensionRequest { Reason = reason, BaseDuration = duration, MaxDuration = duration, Replace = true, OffenceMemory = options.Value.Suspension.OffenceMemory };
        var outcome = await store.SuspendAsync(callerId, request, cancellationToken).ConfigureAwait(false);
        Suspended(outcome.Suspension, detector: null);
        return outcome.Suspension;
    }

    public async ValueTask<bool> LiftAsync(string callerId, bool forgetOffences = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        cache.TryGet(callerId, out var known, out _);
        var lifted = await store.LiftAsync(callerId, forgetOffences, cancellationToken).ConfigureAwait(false);
        OnStoreChange(new SuspensionChange(callerId, null, TimeSpan.Zero));
        if (lifted)
        {
            AnomalyLog.Lifted(logger, pseudonym.For(callerId), "manual");
            hooks.Enqueue(new AnomalyEvent(AnomalyEventType.Lifted, callerId, time.GetUtcNow()) { Suspension = known, LiftReason = "manual" });
        }

        return lifted;
    }

    public ValueTask<Suspension?> GetAsync(string callerId, CancellationToken cancellationToken = default) => store.GetAsync(callerId, cancellationToken);

    public async ValueTask<IReadOnlyList<Suspension>> GetActiveAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.GetActiveAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Suspension!)];

    /// <summary>
    /// Suspends for a detection with the configured escalation. A caller already suspended (by this instance's
    /// knowledge) is left alone, so detections during a suspension never extend it; the store enforces the same
    /// across instances.
    /// </summary>
    public async ValueTask<Suspension?> SuspendForDetectionAsync(string callerId, IPAddress? address, string detector, CancellationToken cancellationToken)
    {
        if (lists.IsAllowed(callerId, address))
        {
            AnomalyLog.AllowListed(logger, pseudonym.For(callerId), detector);
            return null;
        }

        if (cache.TryGet(callerId, out _, out _))
        {
            return null;
        }

        var o = options.Value.Suspension;
        var request = new SuspensionRequest
        {
            Reason = detector,
            BaseDuration = o.BaseDuration,
            Multiplier = o.Multiplier,
            MaxDuration = o.MaxDuration,
            JitterFactor = JitterFactor(o.Jitter),
            OffenceMemory = o.OffenceMemory,
        };
        var outcome = await store.SuspendAsync(callerId, request, cancellationToken).ConfigureAwait(false);
        if (!outcome.Created)
        {
            // Another instance suspended the caller first; make sure this one enforces it too.
            cache.Apply(new SuspensionChange(callerId, outcome.Suspension, outcome.Remaining));
            return null;
        }

        Suspended(outcome.Suspension, detector);
        return outcome.Suspension;
    }

    /// <summary>Applies a change told by the store (this instance's or another's).</summary>
    public void OnStoreChange(SuspensionChange change)
    {
        cache.Apply(change);
        if (change.Suspension is null && _expiryTimers.TryRemove(change.CallerId, out var timer))
        {
            timer.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var timer in _expiryTimers.Values)
        {
            timer.Dispose();
        }

        _expiryTimers.Clear();
    }

    internal static double JitterFactor(double jitter) =>
        jitter <= 0 ? 1 : 1 + (jitter * ((RandomNumberGenerator.GetInt32(0, 2_000_001) / 1_000_000.0) - 1));

    private void Suspended(Suspension suspension, string? detector)
    {
        cache.Apply(new SuspensionChange(suspension.CallerId, suspension, suspension.Duration));
        metrics.Suspended(suspension.Reason);
        AnomalyLog.Suspended(logger, pseudonym.For(suspension.CallerId), suspension.Duration, suspension.Reason, suspension.Offence);
        hooks.Enqueue(new AnomalyEvent(AnomalyEventType.Suspended, suspension.CallerId, time.GetUtcNow()) { Detector = detector, Suspension = suspension });
        ScheduleExpiry(suspension);
    }

    private void ScheduleExpiry(Suspension suspension)
    {
        // Registered before it is armed, so a very short cool-down cannot fire before the timer is known.
        var timer = time.CreateTimer(static state => ((ExpiryState)state!).Fire(), new ExpiryState(this, suspension), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_expiryTimers.TryGetValue(suspension.CallerId, out var previous))
        {
            previous.Dispose();
        }

        _expiryTimers[suspension.CallerId] = timer;
        timer.Change(suspension.Duration, Timeout.InfiniteTimeSpan);
    }

    private void Expired(Suspension suspension)
    {
        // Replaced by a newer suspension meanwhile, or lifted by hand (which removed the timer): nothing expired.
        if (cache.TryGet(suspension.CallerId, out var current, out _) && current != suspension)
        {
            return;
        }

        if (!_expiryTimers.TryGetValue(suspension.CallerId, out var timer))
        {
            return;
        }

        _expiryTimers.TryRemove(new KeyValuePair<string, ITimer>(suspension.CallerId, timer));
        timer.Dispose();
        cache.Sweep();
        AnomalyLog.Lifted(logger, pseudonym.For(suspension.CallerId), "expired");
        hooks.Enqueue(new AnomalyEvent(AnomalyEventType.Lifted, suspension.CallerId, time.GetUtcNow()) { Detector = suspension.Reason, Suspension = suspension, LiftReason = "expired" });
    }

    private sealed class ExpiryState(SuspensionService owner, Suspension suspension)
    {
        public void Fire() => owner.Expired(suspension);
    }
}
