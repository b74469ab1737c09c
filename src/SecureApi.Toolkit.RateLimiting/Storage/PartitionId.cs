namespace SecureApi.Toolkit.RateLimiting.Storage;

/// <summary>
/// The key of one tracked partition: rule name and partition key, compared ordinally, allocation-free. The hash is
/// computed once, because a decision uses it for the shard and again for the dictionary. It covers the partition key
/// only: the rule names of one process are a handful of configured strings, so hashing them again on every decision
/// would only cost time; the few rules of one partition share a bucket and equality still tells them apart.
/// </summary>
internal readonly struct PartitionId(string rule, string partition) : IEquatable<PartitionId>
{
    // string.GetHashCode is randomized per process, so callers cannot aim many keys at one bucket or shard.
    private readonly int _hash = partition.GetHashCode(StringComparison.Ordinal);

    public string Rule { get; } = rule;

    public string Partition { get; } = partition;

    public bool Equals(PartitionId other) => string.Equals(Rule, other.Rule, StringComparison.Ordinal) && string.Equals(Partition, other.Partition, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PartitionId other && Equals(other);

    public override int GetHashCode() => _hash;
}
