using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.RateLimiting.Algorithms;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Storage;

/// <summary>
/// The embedded rate-limit store for one instance. Partitions live in <see cref="ShardCount"/> shards, each a hash
/// table of chained entries that is read without a lock (the bucket array holds the entries themselves, so a lookup
/// costs one bucket and one entry, which matters when thousands of partitions do not fit in the cache); a decision
/// looks its partition up and then holds only that partition's own spin lock, so unrelated callers never touch a shared lock or a shared
/// cache line. A call with several checks locks their partitions in creation order (no deadlock), evaluates every
/// check, and commits only if all enforced checks pass. Each shard holds at most <c>MaxTrackedPartitions / ShardCount</c>
/// partitions: adding to a full shard first drops idle ones, then evicts the least recently used (that partition
/// starts afresh; it is counted in the eviction metric); entries that no call has decided on yet are never dropped,
/// so a shard can briefly hold a few more than its share. Adding and removing partitions take the shard's membership
/// lock; a removed entry is flagged, so a decision that raced with its removal looks the partition up again instead
/// of counting into a dropped entry. Idle partitions are also swept as decisions go: every <see cref="SweepInterval"/>
/// decisions a thread sweeps the next shard in turn, so no timer is needed, virtual time in tests works and the hot
/// path writes no shared counter. A decision for a known partition allocates nothing.
/// </summary>
internal sealed class InMemoryRateLimitStore : IRateLimitStore
{
    internal const int ShardCount = 64;
    internal const int SweepInterval = 4096;
    private const int MaxStackChecks = 16;

    [ThreadStatic]
    private static int t_operations;

    private readonly TimeProvider _time;
    private readonly Shard[] _shards;
    private readonly int _perShardCapacity;
    private long _evictions;
    private long _nextOrder;
    private int _sweepCursor;

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
                lock (shard.Membership)
                {
                    count += shard.Count;
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

        if (span.Length > MaxStackChecks)
        {
            return new ValueTask<bool>(Acquire(span, results.Span, new PartitionEntry?[span.Length], new int[span.Length], new RateLimitState[span.Length], new double[span.Length]));
        }

        var buffer = default(EntryBuffer);
        Span<PartitionEntry?> entries = buffer;
        return new ValueTask<bool>(Acquire(span, results.Span, entries[..span.Length], stackalloc int[span.Length], stackalloc RateLimitState[span.Length], stackalloc double[span.Length]));
    }

    public ValueTask ReleaseAsync(RateLimitRule rule, string partitionKey, string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        var id = new PartitionId(rule.Name, partitionKey);
        if (Find(_shards[ShardOf(id)], id) is { } entry)
        {
            entry.Enter();
            try
            {
                if (!entry.Removed && entry.Leases is { } leases && leases.Remove(leaseId))
                {
                    entry.ExpiresAt = LatestExpiry(leases);
                }
            }
            finally
            {
                entry.Exit();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Drops every idle partition now (tests; production relies on the amortized sweep).</summary>
    internal void Sweep()
    {
        foreach (var shard in _shards)
        {
            lock (shard.Membership)
            {
                SweepIdle(shard, RateLimitMath.NowMicros(_time));
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

    private static bool EvaluateConcurrency(RateLimitRule rule, PartitionEntry entry, double now, long cost, out RateLimitResult result)
    {
        var window = RateLimitMath.WindowMicros(rule);
        double limit = rule.Limit;
        long used = 0;
        var earliest = double.MaxValue;
        var latest = now;
        if (entry.Leases is { } leases)
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

    private static bool Evaluate(in RateLimitCheck check, PartitionEntry entry, double now, out RateLimitState next, out RateLimitResult result, out double expiresAt)
    {
        if (check.Rule.Algorithm == RateLimitAlgorithm.Concurrency)
        {
            next = default;
            expiresAt = 0;
            return EvaluateConcurrency(check.Rule, entry, now, check.Cost, out result);
        }

        var state = entry.ExpiresAt <= now ? default : entry.State;
        return RateLimitMath.Evaluate(check.Rule, state, now, check.Cost, out next, out result, out expiresAt);
    }

    private static void Commit(PartitionEntry entry, in RateLimitCheck check, in RateLimitState next, double expiresAt, double now)
    {
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

    /// <summary>Sorts the indexes of <paramref name="entries"/> by creation order; a call has a handful of checks, so insertion sort.</summary>
    private static void SortByOrder(Span<PartitionEntry?> entries, Span<int> order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (var i = 1; i < order.Length; i++)
        {
            var current = order[i];
            var key = entries[current]!.Order;
            var j = i - 1;
            while (j >= 0 && entries[order[j]]!.Order > key)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = current;
        }
    }

    /// <summary>The common case, one policy: one hash, one lock-free lookup, one partition lock, no buffers.</summary>
    private bool AcquireOne(in RateLimitCheck check, ref RateLimitResult result)
    {
        check.ThrowIfInvalid();
        var id = new PartitionId(check.Rule.Name, check.PartitionKey);
        var shard = _shards[ShardOf(id)];
        bool decided;
        while (true)
        {
            var entry = GetOrAdd(shard, id);
            entry.Enter();
            try
            {
                if (entry.Removed)
                {
                    continue; // swept or evicted between the lookup and the lock: look it up again
                }

                entry.Fresh = false;

                // Time is read under the lock, so one partition's state only ever moves forward.
                var now = RateLimitMath.NowMicros(_time);
                if (Evaluate(check, entry, now, out var next, out result, out var expiresAt))
                {
                    Commit(entry, check, next, expiresAt, now);
                    decided = true;
                }
                else
                {
                    decided = check.Shadow; // a refusing shadow check takes nothing and blocks nothing
                }
            }
            finally
            {
                entry.Exit();
            }

            break;
        }

        CountOperation();
        return decided;
    }

    private bool Acquire(ReadOnlySpan<RateLimitCheck> checks, Span<RateLimitResult> results, Span<PartitionEntry?> entries, Span<int> lockOrder, Span<RateLimitState> pending, Span<double> expiries)
    {
        foreach (var check in checks)
        {
            check.ThrowIfInvalid();
        }

        // Sweeping locks entries one at a time, so it runs here, before this call holds any.
        CountOperation();
        while (true)
        {
            for (var i = 0; i < checks.Length; i++)
            {
                var id = new PartitionId(checks[i].Rule.Name, checks[i].PartitionKey);
                entries[i] = GetOrAdd(_shards[ShardOf(id)], id);
            }

            SortByOrder(entries, lockOrder);
            var held = 0;
            try
            {
                var stale = false;
                for (; held < lockOrder.Length; held++)
                {
                    var entry = entries[lockOrder[held]]!;
                    if (held > 0 && ReferenceEquals(entry, entries[lockOrder[held - 1]]))
                    {
                        continue; // already held
                    }

                    entry.Enter();
                    if (entry.Removed)
                    {
                        held++;
                        stale = true;
                        break;
                    }
                }

                if (!stale)
                {
                    return Decide(checks, results, entries, pending, expiries);
                }
            }
            finally
            {
                for (var i = held - 1; i >= 0; i--)
                {
                    var entry = entries[lockOrder[i]]!;
                    if (i == 0 || !ReferenceEquals(entry, entries[lockOrder[i - 1]]))
                    {
                        entry.Exit();
                    }
                }
            }
        }
    }

    private bool Decide(ReadOnlySpan<RateLimitCheck> checks, Span<RateLimitResult> results, Span<PartitionEntry?> entries, Span<RateLimitState> pending, Span<double> expiries)
    {
        var now = RateLimitMath.NowMicros(_time);
        var allowed = true;
        for (var i = 0; i < checks.Length; i++)
        {
            entries[i]!.Fresh = false;
            var ok = Evaluate(checks[i], entries[i]!, now, out pending[i], out results[i], out expiries[i]);
            allowed &= ok || checks[i].Shadow;
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
            if (results[i].Allowed)
            {
                Commit(entries[i]!, checks[i], pending[i], expiries[i], now); // a refusing shadow check takes nothing
            }
        }

        return true;
    }

    /// <summary>Finds a partition without a lock. Chains change only under the membership lock, and an unlinked entry keeps its <see cref="PartitionEntry.Next"/>, so a reader never loses its way.</summary>
    private static PartitionEntry? Find(Shard shard, in PartitionId id)
    {
        var buckets = Volatile.Read(ref shard.Buckets);
        if (buckets is null)
        {
            return null;
        }

        var hash = id.GetHashCode();
        for (var entry = Volatile.Read(ref buckets[BucketOf(hash, buckets.Length)]); entry is not null; entry = Volatile.Read(ref entry.Next))
        {
            if (entry.Hash == hash && entry.Key.Equals(id))
            {
                return entry;
            }
        }

        return null;
    }

    // The low bits chose the shard, so the bucket comes from the bits above them.
    private static int BucketOf(int hash, int length) => (int)((uint)hash >> 6) & (length - 1);

    private PartitionEntry GetOrAdd(Shard shard, in PartitionId id) => Find(shard, id) ?? Add(shard, id);

    private PartitionEntry Add(Shard shard, PartitionId id)
    {
        lock (shard.Membership)
        {
            if (Find(shard, id) is { } existing)
            {
                return existing;
            }

            if (shard.Count >= _perShardCapacity && MakeRoom(shard))
            {
                Interlocked.Increment(ref _evictions);
            }

            // Sized once for the shard's capacity (a power of two), so the table never has to move under its readers.
            var buckets = shard.Buckets ??= new PartitionEntry?[(int)Math.Min(1 << 20, BitOperations.RoundUpToPowerOf2((uint)_perShardCapacity))];
            var entry = new PartitionEntry(Interlocked.Increment(ref _nextOrder), id);
            ref var head = ref buckets[BucketOf(entry.Hash, buckets.Length)];
            entry.Next = head;
            Volatile.Write(ref head, entry); // published only once fully built
            shard.Count++;
            return entry;
        }
    }

    /// <summary>Frees one slot (under the membership lock); returns whether a live partition had to be evicted for it.</summary>
    private bool MakeRoom(Shard shard)
    {
        SweepIdle(shard, RateLimitMath.NowMicros(_time));
        if (shard.Count < _perShardCapacity)
        {
            return false;
        }

        PartitionEntry? victim = null;
        var oldest = double.MaxValue;
        foreach (var bucket in shard.Buckets!)
        {
            for (var entry = bucket; entry is not null; entry = entry.Next)
            {
                // A stale read only picks a slightly different victim; the removal itself is done under the lock. Fresh
                // only ever turns false, so an entry seen decided here is still decided under the lock.
                if (!entry.Fresh && entry.LastUsed < oldest)
                {
                    oldest = entry.LastUsed;
                    victim = entry;
                }
            }
        }

        if (victim is null)
        {
            // Every entry is still being decided on: the shard goes over its capacity by those few until they are.
            return false;
        }

        victim.Enter();
        try
        {
            Remove(shard, victim);
        }
        finally
        {
            victim.Exit();
        }

        return true;
    }

    /// <summary>Drops the idle partitions of <paramref name="shard"/>; the caller holds its membership lock.</summary>
    private static void SweepIdle(Shard shard, double now)
    {
        if (shard.Buckets is not { } buckets)
        {
            return;
        }

        foreach (var bucket in buckets)
        {
            for (var entry = bucket; entry is not null;)
            {
                var next = entry.Next; // unlinking leaves entry.Next as it was
                entry.Enter();
                try
                {
                    if (!entry.Removed && !entry.Fresh && entry.ExpiresAt <= now)
                    {
                        Remove(shard, entry);
                    }
                }
                finally
                {
                    entry.Exit();
                }

                entry = next;
            }
        }
    }

    /// <summary>Unlinks an entry from its shard; the caller holds the membership lock and the entry's lock.</summary>
    private static void Remove(Shard shard, PartitionEntry entry)
    {
        entry.Removed = true;
        var buckets = shard.Buckets!;
        ref var head = ref buckets[BucketOf(entry.Hash, buckets.Length)];
        if (ReferenceEquals(head, entry))
        {
            Volatile.Write(ref head, entry.Next);
        }
        else
        {
            var previous = head;
            while (previous is not null && !ReferenceEquals(previous.Next, entry))
            {
                previous = previous.Next;
            }

            if (previous is null)
            {
                return; // not linked (cannot happen while the caller holds the membership lock)
            }

            Volatile.Write(ref previous.Next, entry.Next);
        }

        shard.Count--;
    }

    private void CountOperation()
    {
        if (++t_operations < SweepInterval)
        {
            return;
        }

        t_operations = 0;
        var shard = _shards[(int)((uint)Interlocked.Increment(ref _sweepCursor) % ShardCount)];
        lock (shard.Membership)
        {
            SweepIdle(shard, RateLimitMath.NowMicros(_time));
        }
    }

    [InlineArray(MaxStackChecks)]
    private struct EntryBuffer
    {
        private PartitionEntry? _element;
    }

    private sealed class Shard
    {
        public readonly Lock Membership = new();

        /// <summary>Bucket heads, allocated by the first partition; entries are added and unlinked only under <see cref="Membership"/>.</summary>
        public PartitionEntry?[]? Buckets;

        /// <summary>Linked entries; changed only under <see cref="Membership"/>, where reading it is cheap.</summary>
        public int Count;
    }
}
