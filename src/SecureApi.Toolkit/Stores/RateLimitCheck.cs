namespace SecureApi.Toolkit.Stores;

/// <summary>One policy to check for one request: the rule, whose permits it takes and how many.</summary>
/// <param name="Rule">The rule to apply.</param>
/// <param name="PartitionKey">Whose permits: the caller id, or a custom key (tenant, route). Never empty.</param>
/// <param name="Cost">How many permits the request takes; at least 1. A cost above the rule's limit is always refused.</param>
/// <param name="Shadow">When <see langword="true"/> the check is counted and reported but never refuses the request or blocks the other checks.</param>
/// <param name="LeaseId">For <see cref="RateLimitAlgorithm.Concurrency"/>: the unique id of the lease to take, given back to <see cref="IRateLimitStore.ReleaseAsync"/>. Ignored by the other algorithms.</param>
public readonly record struct RateLimitCheck(RateLimitRule Rule, string PartitionKey, long Cost = 1, bool Shadow = false, string? LeaseId = null)
{
    /// <summary>
    /// Throws when the check cannot be evaluated (no rule, an empty partition key, a cost below 1, a concurrency check
    /// without a lease id). Every <see cref="IRateLimitStore"/> calls it before taking anything, so all stores refuse
    /// the same checks the same way.
    /// </summary>
    /// <exception cref="ArgumentException">The check is incomplete.</exception>
    public void ThrowIfInvalid()
    {
        ArgumentNullException.ThrowIfNull(Rule, nameof(Rule));
        ArgumentException.ThrowIfNullOrEmpty(PartitionKey, nameof(PartitionKey));
        ArgumentOutOfRangeException.ThrowIfLessThan(Cost, 1, nameof(Cost));
        if (Rule.Algorithm == RateLimitAlgorithm.Concurrency && string.IsNullOrEmpty(LeaseId))
        {
            throw new ArgumentException("A concurrency check needs a LeaseId.", nameof(LeaseId));
        }
    }
}
