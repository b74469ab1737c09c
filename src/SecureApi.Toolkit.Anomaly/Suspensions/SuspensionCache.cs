using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Suspensions;

/// <summary>
/// This instance's copy of the suspensions in force, read by the gate on every request without a store round trip.
/// Copy-on-write: readers take one volatile snapshot (no lock, no allocation); writers, which are rare, copy it.
/// Expiries are kept by this instance's clock (now + remaining), so a store whose clock differs does not shift them.
/// </summary>
internal sealed class SuspensionCache(TimeProvider time)
{
    private readonly Lock _writeLock = new();
    private volatile Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool IsEmpty => _entries.Count == 0;

    public int Count => _entries.Count;

    /// <summary>Raised after a change is applied; lets tests await the moment an instance enforces a change.</summary>
    internal event Action<SuspensionChange>? Applied;

    /// <summary>Finds an unexpired suspension of <paramref name="callerId"/>; the common case (no suspensions) costs one field read.</summary>
    public bool TryGet(string callerId, out Suspension suspension, out TimeSpan remaining)
    {
        var entries = _entries;
        if (entries.Count != 0 && entries.TryGetValue(callerId, out var entry))
        {
            remaining = entry.ExpiresAt - time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                suspension = entry.Suspension;
                return true;
            }
        }

        suspension = null!;
        remaining = TimeSpan.Zero;
        return false;
    }

    public void Apply(SuspensionChange change)
    {
        lock (_writeLock)
        {
            var now = time.GetUtcNow();
            var copy = Copy(now);
            if (change.Suspension is { } suspension && change.Remaining > TimeSpan.Zero)
            {
                copy[change.CallerId] = new Entry(suspension, now + change.Remaining, now);
            }
            else
            {
                copy.Remove(change.CallerId);
            }

            _entries = copy;
        }

        Applied?.Invoke(change);
    }

    /// <summary>
    /// Replaces the cache with <paramref name="active"/>, read from the store after <paramref name="loadStartedAt"/>.
    /// An entry applied after the load started is kept even when the list lacks it: it came from a newer change.
    /// </summary>
    public void Load(IReadOnlyList<SuspensionChange> active, DateTimeOffset loadStartedAt)
    {
        lock (_writeLock)
        {
            var now = time.GetUtcNow();
            var copy = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (var (id, entry) in _entries)
            {
                if (entry.AppliedAt >= loadStartedAt && entry.ExpiresAt > now)
                {
                    copy[id] = entry;
                }
            }

            foreach (var change in active)
            {
                if (change.Suspension is { } suspension && change.Remaining > TimeSpan.Zero && !copy.ContainsKey(change.CallerId))
                {
                    copy[change.CallerId] = new Entry(suspension, now + change.Remaining, loadStartedAt);
                }
            }

            _entries = copy;
        }
    }

    /// <summary>Drops expired entries, so the gate's empty fast path comes back once every cool-down is over.</summary>
    public void Sweep()
    {
        lock (_writeLock)
        {
            var entries = _entries;
            var now = time.GetUtcNow();
            if (entries.Values.Any(e => e.ExpiresAt <= now))
            {
                _entries = Copy(now);
            }
        }
    }

    private Dictionary<string, Entry> Copy(DateTimeOffset now)
    {
        var copy = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (id, entry) in _entries)
        {
            if (entry.ExpiresAt > now)
            {
                copy[id] = entry;
            }
        }

        return copy;
    }

    private sealed record Entry(Suspension Suspension, DateTimeOffset ExpiresAt, DateTimeOffset AppliedAt);
}
