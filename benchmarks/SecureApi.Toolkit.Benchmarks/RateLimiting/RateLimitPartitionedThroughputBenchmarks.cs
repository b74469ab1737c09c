using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using SecureApi.Toolkit.RateLimiting.Storage;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Benchmarks.RateLimiting;

/// <summary>
/// Throughput on 10,000 partitions from 2 threads: System.Threading.RateLimiting's partitioned token bucket (the
/// baseline, <c>PartitionedRateLimiter.Create</c> with <c>RateLimitPartition.GetTokenBucketLimiter</c>, acquired with
/// <c>AttemptAcquire</c>) against the in-memory store's token bucket (same semantics) and its GCRA (the default
/// algorithm). Every side runs the same code shape: the same keys, the same shuffled order, the same per-thread
/// offset, 2 threads × 100,000 decisions per invocation; limits are huge so every decision admits, and no partition
/// of either side goes idle during the run. <see cref="InMemoryStoreGcraFrozenClock"/> is a diagnostic row, not a
/// product configuration: the same GCRA store on a clock that never moves, to show what the one clock read of every
/// decision costs (the baseline's partitions are refilled by its own timer and read no clock when acquired).
/// </summary>
[MemoryDiagnoser]
public class RateLimitPartitionedThroughputBenchmarks
{
    private const int Partitions = 10_000;
    private const int PerThread = 100_000;
    private const int Threads = 2;
    private string[] _keys = null!;
    private int[] _order = null!;
    private PartitionedRateLimiter<string> _partitioned = null!;
    private InMemoryRateLimitStore _store = null!;
    private InMemoryRateLimitStore _frozenStore = null!;
    private RateLimitRule _rule = null!;
    private RateLimitRule _gcra = null!;

    [GlobalSetup]
    public void Setup()
    {
        _keys = [.. Enumerable.Range(0, Partitions).Select(i => "sub:caller-" + i)];
        var random = new Random(42);
        _order = [.. Enumerable.Range(0, PerThread).Select(_ => random.Next(Partitions))];
        _partitioned = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = int.MaxValue,
            TokensPerPeriod = int.MaxValue,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        }));
        _store = new InMemoryRateLimitStore(TimeProvider.System, 100_000);
        _frozenStore = new InMemoryRateLimitStore(new FrozenTimeProvider(TimeProvider.System.GetUtcNow()), 100_000);
        // A billion permits refilled over 120 days: every decision admits, as on the baseline, and a permit takes about
        // 10 ms to come back, longer than the ~1 ms between two visits of a partition, so partitions stay live as the
        // baseline's do. With a refill of a permit in a picosecond (a trillion per second) every partition would be idle
        // again at once: the store would sweep and re-create it over and over, which the baseline never has to do and
        // no real policy causes.
        _rule = new RateLimitRule("per-caller", RateLimitAlgorithm.TokenBucket, 1_000_000_000, TimeSpan.FromDays(120));
        _gcra = new RateLimitRule("per-caller-gcra", RateLimitAlgorithm.Gcra, 1_000_000_000, TimeSpan.FromDays(120));
        ThreadingPartitionedTokenBucket();
        InMemoryStoreTokenBucket();
        InMemoryStoreGcra();
        InMemoryStoreGcraFrozenClock();
    }

    [GlobalCleanup]
    public void Cleanup() => _partitioned.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Threads * PerThread)]
    public void ThreadingPartitionedTokenBucket() => Run(offset =>
    {
        for (var i = 0; i < PerThread; i++)
        {
            using var lease = _partitioned.AttemptAcquire(_keys[(_order[i] + offset) % Partitions]);
        }
    });

    [Benchmark(OperationsPerInvoke = Threads * PerThread)]
    public void InMemoryStoreTokenBucket() => Run(offset => Decide(_rule, offset));

    [Benchmark(OperationsPerInvoke = Threads * PerThread)]
    public void InMemoryStoreGcra() => Run(offset => Decide(_gcra, offset));

    [Benchmark(OperationsPerInvoke = Threads * PerThread)]
    public void InMemoryStoreGcraFrozenClock() => Run(offset => Decide(_frozenStore, _gcra, offset));

    private void Decide(RateLimitRule rule, int offset) => Decide(_store, rule, offset);

    private void Decide(InMemoryRateLimitStore store, RateLimitRule rule, int offset)
    {
        var checks = new RateLimitCheck[1];
        var results = new RateLimitResult[1];
        for (var i = 0; i < PerThread; i++)
        {
            checks[0] = new RateLimitCheck(rule, _keys[(_order[i] + offset) % Partitions]);
            _ = store.AcquireAsync(checks, results).Result;
        }
    }

    private static void Run(Action<int> work)
    {
        var threads = new Thread[Threads];
        for (var t = 0; t < Threads; t++)
        {
            var offset = t * 5_003;
            threads[t] = new Thread(() => work(offset));
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }

    /// <summary>A clock that reads one fixed instant at no cost; FakeTimeProvider takes a lock on every read.</summary>
    private sealed class FrozenTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
