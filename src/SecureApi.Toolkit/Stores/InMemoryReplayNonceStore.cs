using System.Collections.Concurrent;

namespace SecureApi.Toolkit.Stores;

/// <summary>
/// The embedded replay store for one instance. Entries expire by <see cref="TimeProvider"/>; expired ones are swept
/// every <see cref="SweepInterval"/> inserts. When full of live nonces it refuses with
/// <see cref="StoreUnavailableException"/> instead of forgetting one, because forgetting would admit a replay.
/// </summary>
internal sealed class InMemoryReplayNonceStore(TimeProvider time) : IReplayNonceStore
{
    internal const int Capacity = 1_000_000;
    private const int SweepInterval = 4096;
    private readonly ConcurrentDictionary<(string Scope, string Nonce), long> _expiries = new();
    private int _inserts;

    public ValueTask<bool> TryRecordAsync(string scope, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        var now = time.GetUtcNow().UtcTicks;
        if (Interlocked.Increment(ref _inserts) % SweepInterval == 0 || _expiries.Count >= Capacity)
        {
            Sweep(now);
        }

        var key = (scope, nonce);
        var expiry = now + lifetime.Ticks;
        while (true)
        {
            if (_expiries.TryGetValue(key, out var existing))
            {
                if (existing > now)
                {
                    return ValueTask.FromResult(false);
                }

                // Expired: take its place only if nobody else did in between.
                if (_expiries.TryUpdate(key, expiry, existing))
                {
                    return ValueTask.FromResult(true);
                }

                continue;
            }

            if (_expiries.Count >= Capacity)
            {
                throw new StoreUnavailableException("The in-memory replay store is full of unexpired nonces.");
            }

            if (_expiries.TryAdd(key, expiry))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    private void Sweep(long now)
    {
        foreach (var entry in _expiries)
        {
            if (entry.Value <= now)
            {
                _expiries.TryRemove(entry);
            }
        }
    }
}
