using System.Collections.Concurrent;
using SecureApi.Toolkit.RateLimiting.Storage;

namespace SecureApi.Toolkit.RateLimiting.Resilience;

/// <summary>
/// Remembers, per policy and partition, until when the store refused and at what cost, so a caller hammering a refused partition is
/// answered locally without a store round trip. Bounded: past <see cref="Capacity"/> entries it sweeps expired ones and,
/// if still full, stops remembering new refusals (they go to the store, which stays correct).
/// </summary>
internal sealed class LocalDenyCache(TimeProvider time)
{
    internal const int Capacity = 10_000;
    private readonly ConcurrentDictionary<PartitionId, (long Until, long Cost)> _until = new();

    /// <summary>Returns how long a request of <paramref name="cost"/> is still refused, or zero. A cheaper request than the refused one goes to the store: it may fit.</summary>
    public TimeSpan RefusedFor(string rule, string partition, long cost)
    {
        if (_until.IsEmpty)
        {
            return TimeSpan.Zero;
        }

        var id = new PartitionId(rule, partition);
        if (!_until.TryGetValue(id, out var entry))
        {
            return TimeSpan.Zero;
        }

        var now = time.GetUtcNow().UtcTicks;
        if (entry.Until > now)
        {
            return cost >= entry.Cost ? TimeSpan.FromTicks(entry.Until - now) : TimeSpan.Zero;
        }

        _until.TryRemove(new KeyValuePair<PartitionId, (long, long)>(id, entry));
        return TimeSpan.Zero;
    }

    public void Refuse(string rule, string partition, long cost, TimeSpan retryAfter)
    {
        if (retryAfter <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        if (_until.Count >= Capacity)
        {
            foreach (var entry in _until)
            {
                if (entry.Value.Until <= now)
                {
                    _until.TryRemove(entry);
                }
            }

            if (_until.Count >= Capacity)
            {
                return;
            }
        }

        _until[new PartitionId(rule, partition)] = (now + retryAfter.Ticks, cost);
    }
}
