using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Stores;

/// <summary>
/// The embedded suspension store for one instance: one lock around two small maps (suspensions and offence counts),
/// which change rarely. Subscribers are told synchronously after each change.
/// </summary>
internal sealed class InMemorySuspensionStore(TimeProvider time) : ISuspensionStore
{
    private const int SweepInterval = 1024;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Suspension> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, DateTimeOffset Expiry)> _offences = new(StringComparer.Ordinal);
    private readonly List<Action<SuspensionChange>> _subscribers = [];
    private int _operations;

    public ValueTask<SuspensionOutcome> SuspendAsync(string callerId, SuspensionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        Suspension suspension;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            SweepIfDue(now);
            if (!request.Replace && _active.TryGetValue(callerId, out var existing) && existing.ExpiresAt > now)
            {
                return ValueTask.FromResult(new SuspensionOutcome(existing, Created: false, existing.ExpiresAt - now));
            }

            var offence = _offences.TryGetValue(callerId, out var earlier) && earlier.Expiry > now ? earlier.Count + 1 : 1;
            var duration = request.DurationFor(offence);
            suspension = new Suspension(callerId, request.Reason, now, now + duration, offence);
            _active[callerId] = suspension;
            _offences[callerId] = (offence, suspension.ExpiresAt + request.OffenceMemory);
        }

        Notify(new SuspensionChange(callerId, suspension, suspension.Duration));
        return ValueTask.FromResult(new SuspensionOutcome(suspension, Created: true, suspension.Duration));
    }

    public ValueTask<Suspension?> GetAsync(string callerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult(_active.TryGetValue(callerId, out var s) && s.ExpiresAt > time.GetUtcNow() ? s : null);
        }
    }

    public ValueTask<bool> LiftAsync(string callerId, bool forgetOffences = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        cancellationToken.ThrowIfCancellationRequested();
        bool lifted;
        lock (_lock)
        {
            lifted = _active.Remove(callerId, out var s) && s.ExpiresAt > time.GetUtcNow();
            if (forgetOffences)
            {
                _offences.Remove(callerId);
            }
        }

        if (lifted)
        {
            Notify(new SuspensionChange(callerId, null, TimeSpan.Zero));
        }

        return ValueTask.FromResult(lifted);
    }

    public ValueTask<IReadOnlyList<SuspensionChange>> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = time.GetUtcNow();
            IReadOnlyList<SuspensionChange> active = [.. _active.Values.Where(s => s.ExpiresAt > now).Select(s => new SuspensionChange(s.CallerId, s, s.ExpiresAt - now))];
            return ValueTask.FromResult(active);
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Action<SuspensionChange> onChange, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_subscribers)
        {
            _subscribers.Add(onChange);
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Subscription(this, onChange));
    }

    private void Notify(SuspensionChange change)
    {
        Action<SuspensionChange>[] subscribers;
        lock (_subscribers)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber(change);
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (++_operations % SweepInterval != 0)
        {
            return;
        }

        foreach (var (id, s) in _active.ToArray())
        {
            if (s.ExpiresAt <= now)
            {
                _active.Remove(id);
            }
        }

        foreach (var (id, o) in _offences.ToArray())
        {
            if (o.Expiry <= now)
            {
                _offences.Remove(id);
            }
        }
    }

    private sealed class Subscription(InMemorySuspensionStore store, Action<SuspensionChange> onChange) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (store._subscribers)
            {
                store._subscribers.Remove(onChange);
            }

            return ValueTask.CompletedTask;
        }
    }
}
