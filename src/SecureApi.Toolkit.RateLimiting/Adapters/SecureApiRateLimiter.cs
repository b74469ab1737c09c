using System.Threading.RateLimiting;
using SecureApi.Toolkit.RateLimiting.Resilience;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Adapters;

/// <summary>
/// A <see cref="RateLimiter"/> for one partition over SecureApi policies: every acquisition is one decision of the
/// evaluator (deny cache, store, fail modes), so limits stay shared across instances when the store is Redis. There is
/// no queue: a refused acquisition fails at once with <see cref="MetadataName.RetryAfter"/>.
/// </summary>
internal sealed class SecureApiRateLimiter(RateLimitEvaluator evaluator, RateLimitPolicy[] policies, string[] partitionKeys, TimeProvider time) : RateLimiter
{
    private long _lastUsed = time.GetTimestamp();
    private long _available = -1;

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Volatile.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = Math.Max(0, Volatile.Read(ref _available)) };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var pending = AcquireAsyncCore(permitCount, CancellationToken.None);
        // The in-memory store answers synchronously; a remote store is awaited, since this API has no async form.
        return pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        Volatile.Write(ref _lastUsed, time.GetTimestamp());
        if (permitCount == 0)
        {
            return Lease.Acquired; // a probe for availability takes nothing
        }

        var checks = new RateLimitCheck[policies.Length];
        for (var i = 0; i < policies.Length; i++)
        {
            var leaseId = policies[i].Algorithm == RateLimitAlgorithm.Concurrency ? Guid.NewGuid().ToString("N") : null;
            checks[i] = new RateLimitCheck(policies[i].Rule, partitionKeys[i], permitCount, policies[i].Shadow, leaseId);
        }

        var decision = await evaluator.EvaluateAsync(policies, checks, cancellationToken).ConfigureAwait(false);
        var available = long.MaxValue;
        var retryAfter = TimeSpan.Zero;
        for (var i = 0; i < checks.Length; i++)
        {
            if (decision.Results[i].Remaining >= 0 && !policies[i].Shadow)
            {
                available = Math.Min(available, decision.Results[i].Remaining);
            }

            if (!decision.Results[i].Allowed && !policies[i].Shadow && decision.Results[i].RetryAfter > retryAfter)
            {
                retryAfter = decision.Results[i].RetryAfter;
            }
        }

        if (available != long.MaxValue)
        {
            Volatile.Write(ref _available, available);
        }

        return decision.Allowed ? new Lease(true, TimeSpan.Zero, evaluator, checks, decision) : new Lease(false, retryAfter, evaluator, checks, decision);
    }

    private sealed class Lease(bool acquired, TimeSpan retryAfter, RateLimitEvaluator? evaluator, RateLimitCheck[]? checks, RateLimitDecision decision) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, TimeSpan.Zero, null, null, default);
        private int _disposed;

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (!acquired && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }

            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing || !acquired || evaluator is null || checks is null || Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            for (var i = 0; i < checks.Length; i++)
            {
                if (checks[i].LeaseId is not null && decision.Results[i].Allowed && decision.Results[i].Remaining >= 0)
                {
                    // Dispose cannot await; a lost release only means the lease expires after its lifetime.
                    _ = evaluator.ReleaseAsync(checks[i], decision.LocalFallback?[i] ?? false, CancellationToken.None).AsTask();
                }
            }
        }
    }
}
