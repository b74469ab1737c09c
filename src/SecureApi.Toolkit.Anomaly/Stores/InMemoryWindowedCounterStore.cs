using System.Collections.Concurrent;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Stores;

/// <summary>
/// The embedded counter store for one instance. Windows expire by <see cref="TimeProvider"/>; expired counters are
/// swept every <see cref="SweepInterval"/> operations. When full of live counters it refuses with
/// <see cref="StoreUnavailableException"/> (detection then skips the observation) rather than grow without bound.
/// </summary>
internal sealed class InMemoryWindowedCounterStore(TimeProvider time) : IWindowedCounterStore
{
    internal const int Capacity = 1_000_000;
    internal const int MaxMembers = 10_000;
    private const int SweepInterval = 4096;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _operations;

    public ValueTask<long> IncrementAsync(string key, long amount, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(amount, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Update(key, window, amount, member: null));
    }

    public ValueTask<long> AddDistinctAsync(string key, string member, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Update(key, window, 0, member));
    }

    private long Update(string key, TimeSpan window, long amount, string? member)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (Interlocked.Increment(ref _operations) % SweepInterval == 0)
        {
            Sweep(now);
        }

        while (true)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (_entries.Count >= Capacity)
                {
                    Sweep(now);
                    if (_entries.Count >= Capacity)
                    {
                        throw new StoreUnavailableException("The in-memory counter store is full of live windows.");
                    }
                }

                entry = _entries.GetOrAdd(key, static _ => new Entry());
            }

            lock (entry)
            {
                // A sweep removed this entry between our lookup and the lock: start again with a fresh one.
                if (entry.Removed)
                {
                    continue;
                }

                if (entry.Expiry <= now)
                {
                    entry.Value = 0;
                    entry.Members?.Clear();
                    entry.Expiry = now + window.Ticks;
                }

                if (member is null)
                {
                    entry.Value += amount;
                    return entry.Value;
                }

                entry.Members ??= new HashSet<string>(StringComparer.Ordinal);

                // A bounded set: past MaxMembers the count stops growing, far above any sensible threshold.
                if (entry.Members.Count < MaxMembers)
                {
                    entry.Members.Add(member);
                }

                return entry.Members.Count;
            }
        }
    }

    private void Sweep(long now)
    {
        foreach (var pair in _entries)
        {
            var entry = pair.Value;
            lock (entry)
            {
                if (entry.Expiry <= now && !entry.Removed)
                {
                    entry.Removed = true;
                    _entries.TryRemove(pair);
                }
            }
        }
    }

    private sealed class Entry
    {
        public long Value;
        public long Expiry;
        public bool Removed;
        public HashSet<string>? Members;
    }
}
