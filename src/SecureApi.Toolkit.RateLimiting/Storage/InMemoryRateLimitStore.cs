using Microsoft.Extensions.Options;
using SecureApi.Toolkit.RateLimiting.Algorithms;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Storage;

/// <summary>
/// The embedded rate-limit store for one instance. Partitions live in <see cref="ShardCount"/> shards, each a
/// dictionary behind its own lock, so unrelated callers never contend on one global lock. A call locks the shards of
/// its checks in ascending order (no deadlock), evaluates every check, and commits only if all enforced checks pass.
/// Each shard holds at most <c>MaxTrackedPartitions / ShardCount</c> partitions: when full it first drops idle ones,
/// then evicts the least recently used (that partition starts afresh; it is counted in the eviction metric). Idle
/// partitions are swept every <see cref="SweepInterval"/> operations of their shard, so no timer is needed and virtual
/// time in tests works. A decision for a known partition allocates nothing.
/// </summary>
internal sealed class InMemoryRateLimitStore : IRateLimitStore
{
    internal const int ShardCount = 64;
    internal const int SweepInterval = 4096;
    private const int MaxStackChecks = 16;
    private readonly TimeProvider _time;
    private readonly Shard[] _shards;
    private readonly int _perShardCapacity;
    private long _evictions;

    public InMemoryRateLimitStore(TimeProvider time, IOptions<RateLimitingOptions> options)
        : this(time, options.Value.MaxTrackedPartitions)
    {
    }

    internal InMemoryRateLimitStore(TimeProvider time, int maxTrackedPartitions)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrackedPartitions, 1);
        _time = time;
        _perShardCapacity = Math.Max(1, maxTrackedPartitions / ShardCount);
        _shards = new Shard[ShardCount];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard();
        }
    }

    /// <summary>Gets the number of partitions tracked now.</summary>
    internal int Count
    {
        get
        {
            var count = 0;
            foreach (var shard in _shards)
            {
                lock (shard.Gate)
                {
                    count += shard.Map.Count;
                }
            }

            return count;
        }
    }

    /// <summary>Gets how many live partitions were evicted because their shard was full.</summary>
    internal long Evictions => Interlocked.Read(ref _evictions);

    public ValueTask<bool> AcquireAsync(ReadOnlyMemory<RateLimitCheck> checks, Memory<RateLimitResult> results, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (results.Length < checks.Length)
        {
            throw new ArgumentException("The results buffer must hold one result per check.", nameof(results));
        }

        var span = checks.Span;
        if (span.Length == 0)
        {
            return new ValueTask<bool>(true);
        }

        if (span.Length == 1)
        {
            return new ValueTask<bool>(AcquireOne(span[0], ref results.Span[0]));
        }

        return new ValueTask<bool>(span.Length <= MaxStackChecks
            ? Acquire(span, results.Span, stackalloc int[span.Length], stackalloc RateLimitState[span.Length], stackalloc double[span.Length])
            : Acquire(span, results.Span, new int[span.Length], new RateLimitState[span.Length], new double[span.Length]));
    }

    public ValueTask ReleaseAsync(RateLimitRule rule, string partitionKey, string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        var id = new PartitionId(rule.Name, partitionKey);
        var shard = _shards[ShardOf(id)];
        lock (shard.Gate)
        {
            if (shard.Map.TryGetValue(id, out var entry) && entry.Leases is { } leases && leases.Remove(leaseId))
            {
                entry.ExpiresAt = LatestExpiry(leases);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Drops every idle partition now (tests; production relies on the amortized sweep).</summary>
    internal void Sweep()
    {
        var now = RateLimitMath.NowMicros(_time);
        foreach (var shard in _shards)
        {
            lock (shard.Gate)
            {
                shard.SweepIdle(now);
            }
        }
    }

    private static double LatestExpiry(Dictionary<string, (double Expiry, long Cost)> leases)
    {
        var latest = 0d;
        foreach (var lease in leases.Values)
        {
            latest = Math.Max(latest, lease.Expiry);
        }

        return latest;
    }

    private static int ShardOf(in PartitionId id) => (id.GetHashCode() & int.MaxValue) % ShardCount;

    private static bool EvaluateConcurrency(RateLimitRule rule, PartitionEntry? entry, double now, long cost, out RateLimitResult result)
    {
        var window = RateLimitMath.WindowMicros(rule);
        double limit = rule.Limit;
        long used = 0;
        var earliest = double.MaxValue;
        var latest = now;
        if (entry?.Leases is { } leases)
        {
            foreach (var lease in leases.Values)
            {
                if (lease.Expiry > now)
                {
                    used += lease.Cost;
                    earliest = Math.Min(earliest, lease.Expiry);
                    latest = Math.Max(latest, lease.Expiry);
                }
            }
        }

        if (cost <= limit && used + cost <= limit)
        {
            result = new RateLimitResult(true, (long)(limit - used - cost), RateLimitMath.ToTimeSpan(Math.Max(latest, now + window) - now), TimeSpan.Zero);
            return true;
        }

        var retry = cost > limit || earliest == double.MaxValue ? window : earliest - now;
        result = new RateLimitResult(false, Math.Max(0, (long)(limit - used)), RateLimitMath.ToTimeSpan(latest - now), RateLimitMath.ToTimeSpan(retry));
        return false;
    }

    /// <summary>The common case, one policy: one hash, one lock, one lookup, no buffers.</summary>
    private bool AcquireOne(in RateLimitCheck check, ref RateLimitResult result)
    {
        Validate(check);
        var id = new PartitionId(check.Rule.Name, check.PartitionKey);
        var shard = _shards[ShardOf(id)];
        lock (shard.Gate)
        {
            var now = RateLimitMath.NowMicros(_time);
            shard.Map.TryGetValue(id, out var entry);
            var next = default(RateLimitState);
            var expiresAt = 0d;
            bool ok;
            if (check.Rule.Algorithm == RateLimitAlgorithm.Concurrency)
            {
                ok = EvaluateConcurrency(check.Rule, entry, now, check.Cost, out result);
            }
            else
            {
                var state = entry is null || entry.ExpiresAt <= now ? default : entry.State;
                ok = RateLimitMath.Evaluate(check.Rule, state, now, check.Cost, out next, out result, out expiresAt);
            }

            if (!ok)
            {
                return check.Shadow; // a refusing shadow check takes nothing and blocks nothing
            }

            Commit(shard, id, entry, check, next, expiresAt, now);
            return true;
        }
    }

    private void Commit(Shard shard, in PartitionId id, PartitionEntry? entry, in RateLimitCheck check, in RateLimitState next, double expiresAt, double now)
    {
        if (entry is null)
        {
            entry = new PartitionEntry();
            if (shard.Map.Count >= _perShardCapacity && shard.MakeRoom(now, _perShardCapacity))
            {
                Interlocked.Increment(ref _evictions);
            }

            shard.Map[id] = entry;
        }

        entry.LastUsed = now;
        if (check.Rule.Algorithm == RateLimitAlgorithm.Concurrency)
        {
            var leases = entry.Leases ??= new Dictionary<string, (double Expiry, long Cost)>(StringComparer.Ordinal);
            RemoveExpired(leases, now);
            var expiry = now + RateLimitMath.WindowMicros(check.Rule);
            leases[check.LeaseId!] = (expiry, check.Cost);
            entry.ExpiresAt = Math.Max(entry.ExpiresAt, expiry);
        }
        else
        {
            entry.State = next;
            entry.ExpiresAt = expiresAt;
        }

        shard.CountOperation(now);
    }

    private bool Acquire(ReadOnlySpan<RateLimitCheck> checks, Span<RateLimitResult> results, Span<int> shardOrder, Span<RateLimitState> pending, Span<double> expiries)
    {
        for (var i = 0; i < checks.Length; i++)
        {
            Validate(checks[i]);
            shardOrder[i] = ShardOf(new PartitionId(checks[i].Rule.Name, checks[i].PartitionKey));
        }

        // Lock each distinct shard once, in ascending order, so two calls can never wait on each other in a cycle.
        shardOrder.Sort();
        var locked = 0;
        try
        {
            for (var i = 0; i < shardOrder.Length; i++)
            {
                if (i == 0 || shardOrder[i] != shardOrder[i - 1])
                {
                    _shards[shardOrder[i]].Gate.Enter();
                    locked = i + 1;
                }
            }

            locked = shardOrder.Length;
            return Decide(checks, results, pending, expiries);
        }
        finally
        {
            for (var i = locked - 1; i >= 0; i--)
            {
                if (i == 0 || shardOrder[i] != shardOrder[i - 1])
                {
                    _shards[shardOrder[i]].Gate.Exit();
                }
            }
        }
    }

    private bool Decide(ReadOnlySpan<RateLimitCheck> checks, Span<RateLimitResult> results, Span<RateLimitState> pending, Span<double> expiries)
    {
        var now = RateLimitMath.NowMicros(_time);
        var allowed = true;
        for (var i = 0; i < checks.Length; i++)
        {
            var check = checks[i];
            var id = new PartitionId(check.Rule.Name, check.PartitionKey);
            _shards[ShardOf(id)].Map.TryGetValue(id, out var entry);
            bool ok;
            if (check.Rule.Algorithm == RateLimitAlgorithm.Concurrency)
            {
                ok = EvaluateConcurrency(check.Rule, entry, now, check.Cost, out results[i]);
            }
            else
            {
                var state = entry is null || entry.ExpiresAt <= now ? default : entry.State;
                ok = RateLimitMath.Evaluate(check.Rule, state, now, check.Cost, out pending[i], out results[i], out expiries[i]);
            }

            allowed &= ok || check.Shadow;
        }

        if (!allowed)
        {
            // Nothing is taken: a check that would have allowed reports what is left now, not after this request.
            for (var i = 0; i < checks.Length; i++)
            {
                if (results[i].Allowed)
                {
                    results[i] = results[i] with { Remaining = Math.Min(checks[i].Rule.Limit, results[i].Remaining + checks[i].Cost) };
                }
            }

            return false;
        }

        for (var i = 0; i < checks.Length; i++)
        {
            if (!results[i].Allowed)
            {
                continue; // a refusing shadow check takes nothing
            }

            var check = checks[i];
            var id = new PartitionId(check.Rule.Name, check.PartitionKey);
            var shard = _shards[ShardOf(id)];
            shard.Map.TryGetValue(id, out var entry);
            Commit(shard, id, entry, check, pending[i], expiries[i], now);
        }

        return true;
    }

    private static void RemoveExpired(Dictionary<string, (double Expiry, long Cost)> leases, double now)
    {
        foreach (var lease in leases)
        {
            if (lease.Value.Expiry <= now)
            {
                leases.Remove(lease.Key);
            }
        }
    }

    private static void Validate(in RateLimitCheck check)
    {
        ArgumentNullException.ThrowIfNull(check.Rule, nameof(RateLimitCheck.Rule));
        ArgumentException.ThrowIfNullOrEmpty(check.PartitionKey, nameof(RateLimitCheck.PartitionKey));
        ArgumentOutOfRangeException.ThrowIfLessThan(check.Cost, 1, nameof(RateLimitCheck.Cost));
        if (check.Rule.Algorithm == RateLimitAlgorithm.Concurrency && string.IsNullOrEmpty(check.LeaseId))
        {
            throw new ArgumentException("A concurrency check needs a LeaseId.", nameof(RateLimitCheck.LeaseId));
        }
    }

    private sealed class Shard
    {
        public readonly Lock Gate = new();
        public readonly Dictionary<PartitionId, PartitionEntry> Map = [];
        private int _operations;

        public void CountOperation(double now)
        {
            if (++_operations % SweepInterval == 0)
            {
                SweepIdle(now);
            }
        }

        public void SweepIdle(double now)
        {
            foreach (var pair in Map)
            {
                if (pair.Value.ExpiresAt <= now)
                {
                    Map.Remove(pair.Key);
                }
            }
        }

        /// <summary>Frees one slot; returns whether a live partition had to be evicted for it.</summary>
        public bool MakeRoom(double now, int capacity)
        {
            SweepIdle(now);
            if (Map.Count < capacity)
            {
                return false;
            }

            var victim = default(PartitionId);
            var oldest = double.MaxValue;
            foreach (var pair in Map)
            {
                if (pair.Value.LastUsed < oldest)
                {
                    oldest = pair.Value.LastUsed;
                    victim = pair.Key;
                }
            }

            Map.Remove(victim);
            return true;
        }
    }
}
