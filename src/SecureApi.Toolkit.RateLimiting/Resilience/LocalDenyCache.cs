using System.Collections.Concurrent;
using SecureApi.Toolkit.RateLimiting.Storage;

namespace SecureApi.Toolkit.RateLimiting.Resilience;

/// <summary>
/// Remembers, per policy and partition, until when the store refused, so a caller hammering a refused partition is
/// answered locally without a store round trip. Bounded: past <see cref="Capacity"/> entries it sweeps expired ones and,
/// if still full, stops remembering new refusals (they go to the store, which stays correct).
/// </summary>
internal sealed class LocalDenyCache(TimeProvider time)
{
    internal const int Capacity = 10_000;
    private readonly ConcurrentDictionary<PartitionId, long> _until = new();

    /// <summary>Returns how long the partition is still refused, or zero.</summary>
    public TimeSpan RefusedFor(string rule, string partition)
    {
        if (_until.IsEmpty)
        {
            return TimeSpan.Zero;
        }

        var id = new PartitionId(rule, partition);
        if (!_until.TryGetValue(id, out var until))
        {
            return TimeSpan.Zero;
        }

        var now = time.GetUtcNow().UtcTicks;
        if (until > now)
        {
            return TimeSpan.FromTicks(until - now);
        }

        _until.TryRemove(new KeyValuePair<PartitionId, long>(id, until));
        return TimeSpan.Zero;
    }

    public void Refuse(string rule, string partition, TimeSpan retryAfter)
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
                if (entry.Value <= now)
                {
                    _until.TryRemove(entry);
                }
            }

            if (_until.Count >= Capacity)
            {
                return;
            }
        }

        _until[new PartitionId(rule, partition)] = now + retryAfter.Ticks;
    }
}
