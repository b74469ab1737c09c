using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using SecureApi.Toolkit.RateLimiting.Storage;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Benchmarks.RateLimiting;

/// <summary>
/// One decision for a hot partition: the in-memory store (GCRA, one policy) against System.Threading.RateLimiting's
/// token bucket, the framework's own limiter doing the same job in one process. Limits are huge so every call admits.
/// </summary>
[MemoryDiagnoser]
public class RateLimitDecisionBenchmarks
{
    private TokenBucketRateLimiter _bucket = null!;
    private InMemoryRateLimitStore _store = null!;
    private RateLimitCheck[] _checks = null!;
    private RateLimitResult[] _results = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = int.MaxValue,
            TokensPerPeriod = int.MaxValue,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        });
        _store = new InMemoryRateLimitStore(TimeProvider.System, 100_000);
        _checks = [new RateLimitCheck(new RateLimitRule("per-caller", RateLimitAlgorithm.Gcra, 1_000_000_000_000, TimeSpan.FromSeconds(1)), "sub:hot-caller")];
        _results = new RateLimitResult[1];
        _ = _store.AcquireAsync(_checks, _results).Result;
    }

    [GlobalCleanup]
    public void Cleanup() => _bucket.Dispose();

    [Benchmark(Baseline = true)]
    public bool ThreadingTokenBucket()
    {
        using var lease = _bucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Benchmark]
    public bool InMemoryStoreGcra() => _store.AcquireAsync(_checks, _results).Result;
}
