using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Tests.Resilience;

/// <summary>Wraps a real store: <see cref="Hang"/> makes every call hang (until the evaluator's timeout), <see cref="FailEvery"/> = n makes every n-th call unavailable.</summary>
internal sealed class FlakyStore(IRateLimitStore inner) : IRateLimitStore
{
    private int _calls;

    public bool Hang { get; set; }

    public int FailEvery { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public int Live { get; set; } = 1;

    public int LiveInstances => Live;

    public ValueTask<bool> AcquireAsync(ReadOnlyMemory<RateLimitCheck> checks, Memory<RateLimitResult> results, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        if (FailEvery > 0 && call % FailEvery == 0)
        {
            throw new StoreUnavailableException("down for the test");
        }

        return Hang ? new ValueTask<bool>(new TaskCompletionSource<bool>().Task) : inner.AcquireAsync(checks, results, cancellationToken);
    }

    public ValueTask ReleaseAsync(RateLimitRule rule, string partitionKey, string leaseId, CancellationToken cancellationToken = default)
        => inner.ReleaseAsync(rule, partitionKey, leaseId, cancellationToken);
}
