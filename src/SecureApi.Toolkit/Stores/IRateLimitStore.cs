namespace SecureApi.Toolkit.Stores;

/// <summary>
/// Counts rate-limit permits. One call checks every policy of a request atomically: permits are taken only if every
/// enforced (non-shadow) check passes, so a refused request consumes nothing. Implementations take time from their
/// own clock (the injected <see cref="TimeProvider"/> in memory, the server's <c>TIME</c> in Redis), never from the request.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Checks <paramref name="checks"/> and, if every enforced one allows, takes their permits.</summary>
    /// <param name="checks">The policies of one request. Rule names within one call must be distinct per partition.</param>
    /// <param name="results">Receives one result per check, at the same index; at least as long as <paramref name="checks"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when every enforced check allowed and the permits were taken.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<bool> AcquireAsync(ReadOnlyMemory<RateLimitCheck> checks, Memory<RateLimitResult> results, CancellationToken cancellationToken = default);

    /// <summary>Returns a <see cref="RateLimitAlgorithm.Concurrency"/> lease before it expires. Releasing an unknown or expired lease does nothing.</summary>
    /// <param name="rule">The concurrency rule the lease was taken under.</param>
    /// <param name="partitionKey">The partition the lease was taken in.</param>
    /// <param name="leaseId">The lease id given in <see cref="RateLimitCheck.LeaseId"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask ReleaseAsync(RateLimitRule rule, string partitionKey, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets how many app instances share this store's limits, as last seen while the store answered (a shared store
    /// counts the instances that announce themselves). While the store is unavailable, each instance's local fallback
    /// allows the limit divided by this number, so the fleet together stays within the limit.
    /// </summary>
    /// <value>The default implementation returns 1: a store that is not shared serves one instance.</value>
    int LiveInstances => 1;
}
