using SecureApi.Toolkit.RateLimiting.Algorithms;

namespace SecureApi.Toolkit.RateLimiting.Storage;

/// <summary>
/// One tracked partition: its key, its link in the shard's bucket chain, and its mutable state. The state fields are
/// only touched while holding this entry's own spin lock (<see cref="Enter"/>/<see cref="Exit"/>): a decision holds it for a few arithmetic operations,
/// so a short spin beats parking a thread, and partitions never contend with one another.
/// </summary>
internal sealed class PartitionEntry(long order, PartitionId key)
{
    /// <summary>Gets the partition this entry counts for; with <see cref="Hash"/>, what a lookup compares.</summary>
    public readonly PartitionId Key = key;

    public readonly int Hash = key.GetHashCode();

    /// <summary>The next entry of the same bucket; written only under the shard's membership lock, read without it.</summary>
    public PartitionEntry? Next;

    public RateLimitState State;

    /// <summary>When the state becomes equivalent to "never seen" (microseconds since the epoch); then it may be dropped.</summary>
    public double ExpiresAt;

    /// <summary>Last use, for least-recently-used eviction when the shard is full.</summary>
    public double LastUsed;

    /// <summary>Concurrency leases: id → (expiry, cost). Null for the counting algorithms.</summary>
    public Dictionary<string, (double Expiry, long Cost)>? Leases;

    /// <summary>Set (under the lock) when the entry left its shard; a decision that finds it set looks the partition up again.</summary>
    public bool Removed;

    /// <summary>
    /// Set from creation until a call has decided on the entry. Sweeping and eviction skip fresh entries: a new entry
    /// looks idle, and dropping it before its creator locks it would make a call whose checks overfill one shard
    /// evict its own partitions forever.
    /// </summary>
    public bool Fresh = true;

    private int _gate;

    /// <summary>Gets the creation order: a call that locks several entries locks them in ascending order, so two calls never wait on each other in a cycle.</summary>
    public long Order { get; } = order;

    public void Enter()
    {
        if (Interlocked.CompareExchange(ref _gate, 1, 0) != 0)
        {
            EnterContended();
        }
    }

    public void Exit() => Volatile.Write(ref _gate, 0);

    private void EnterContended()
    {
        // SpinWait yields and then sleeps, so a holder that lost its core gets it back instead of being starved.
        var spin = default(SpinWait);
        do
        {
            spin.SpinOnce();
        }
        while (Volatile.Read(ref _gate) != 0 || Interlocked.CompareExchange(ref _gate, 1, 0) != 0);
    }
}
