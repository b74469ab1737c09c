using SecureApi.Toolkit.RateLimiting.Algorithms;

namespace SecureApi.Toolkit.RateLimiting.Storage;

/// <summary>The mutable state of one tracked partition; only touched under its shard's lock.</summary>
internal sealed class PartitionEntry
{
    public RateLimitState State;

    /// <summary>When the state becomes equivalent to "never seen" (microseconds since the epoch); then it may be dropped.</summary>
    public double ExpiresAt;

    /// <summary>Last use, for least-recently-used eviction when the shard is full.</summary>
    public double LastUsed;

    /// <summary>Concurrency leases: id → (expiry, cost). Null for the counting algorithms.</summary>
    public Dictionary<string, (double Expiry, long Cost)>? Leases;
}
