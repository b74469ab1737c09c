namespace SecureApi.Toolkit.RateLimiting.Storage;

/// <summary>The key of one tracked partition: rule name and partition key, compared ordinally, allocation-free.</summary>
internal readonly struct PartitionId(string rule, string partition) : IEquatable<PartitionId>
{
    public string Rule { get; } = rule;

    public string Partition { get; } = partition;

    public bool Equals(PartitionId other) => string.Equals(Rule, other.Rule, StringComparison.Ordinal) && string.Equals(Partition, other.Partition, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PartitionId other && Equals(other);

    // string.GetHashCode is randomized per process, so callers cannot aim many keys at one bucket or shard.
    public override int GetHashCode() => HashCode.Combine(Rule.GetHashCode(StringComparison.Ordinal), Partition.GetHashCode(StringComparison.Ordinal));
}
