using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.RateLimiting.Storage;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Tests.Storage;

public class InMemoryRateLimitStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AcquireAsync_DistinctPartitions_TrackedSeparately()
    {
        var store = new InMemoryRateLimitStore(_time, 1000);
        var rule = new RateLimitRule("p", RateLimitAlgorithm.FixedWindow, 1, TimeSpan.FromSeconds(10));

        Assert.True(await Acquire(store, new RateLimitCheck(rule, "a")));
        Assert.True(await Acquire(store, new RateLimitCheck(rule, "b")));
        Assert.False(await Acquire(store, new RateLimitCheck(rule, "a")));
    }

    [Fact]
    public async Task AcquireAsync_SamePartitionDifferentRules_TrackedSeparately()
    {
        var store = new InMemoryRateLimitStore(_time, 1000);
        var one = new RateLimitRule("one", RateLimitAlgorithm.FixedWindow, 1, TimeSpan.FromSeconds(10));
        var two = new RateLimitRule("two", RateLimitAlgorithm.FixedWindow, 1, TimeSpan.FromSeconds(10));

        Assert.True(await Acquire(store, new RateLimitCheck(one, "a")));
        Assert.True(await Acquire(store, new RateLimitCheck(two, "a")));
    }

    [Fact]
    public async Task AcquireAsync_ShardFull_EvictsIdleBeforeLive()
    {
        // Two partitions per shard, and three keys that land in one shard. The live partition is the least recently
        // used, so a plain LRU would evict it; the idle one must go first.
        var store = new InMemoryRateLimitStore(_time, 2 * InMemoryRateLimitStore.ShardCount);
        var longRule = new RateLimitRule("long", RateLimitAlgorithm.FixedWindow, 2, TimeSpan.FromHours(1));
        var shortRule = new RateLimitRule("short", RateLimitAlgorithm.FixedWindow, 2, TimeSpan.FromSeconds(1));
        var keys = KeysInOneShard(3);

        Assert.True(await Acquire(store, new RateLimitCheck(longRule, keys[0])));
        Assert.True(await Acquire(store, new RateLimitCheck(longRule, keys[0]))); // live for an hour, and now at its limit
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Acquire(store, new RateLimitCheck(shortRule, keys[1])));
        _time.Advance(TimeSpan.FromSeconds(2)); // the short partition's window is over: idle, though used more recently
        Assert.Equal(2, store.Count);

        Assert.True(await Acquire(store, new RateLimitCheck(longRule, keys[2])));

        Assert.Equal(2, store.Count);
        Assert.Equal(0L, store.Evictions); // dropping an idle partition is not an eviction
        Assert.False(await Acquire(store, new RateLimitCheck(longRule, keys[0]))); // the live partition kept its count
    }

    /// <summary>Keys whose partitions share a shard, chosen the way the store shards them (string hashes differ per process).</summary>
    private static string[] KeysInOneShard(int count)
    {
        static int ShardOf(string key) => (new PartitionId("any", key).GetHashCode() & int.MaxValue) % InMemoryRateLimitStore.ShardCount;
        var shard = ShardOf("k0");
        return [.. Enumerable.Range(0, int.MaxValue).Select(i => "k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Where(k => ShardOf(k) == shard).Take(count)];
    }

    [Fact]
    public async Task Sweep_IdlePartitions_Dropped()
    {
        var store = new InMemoryRateLimitStore(_time, 1000);
        var rule = new RateLimitRule("p", RateLimitAlgorithm.Gcra, 10, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 50; i++)
        {
            await Acquire(store, new RateLimitCheck(rule, "caller-" + i));
        }

        Assert.Equal(50, store.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        store.Sweep();
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task AcquireAsync_ManyThreads_AdmitExactlyTheLimit()
    {
        var store = new InMemoryRateLimitStore(_time, 1000);
        var rule = new RateLimitRule("p", RateLimitAlgorithm.TokenBucket, 500, TimeSpan.FromHours(1));
        var other = new RateLimitRule("q", RateLimitAlgorithm.Gcra, 100_000, TimeSpan.FromHours(1));
        var admitted = 0;
        await Parallel.ForAsync(0, 2000, async (i, ct) =>
        {
            // Two policies in one call, on different partitions (and so usually different shards).
            if (await Acquire(store, new RateLimitCheck(rule, "shared"), new RateLimitCheck(other, "k" + (i % 7))))
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(500, admitted);
    }

    [Fact]
    public async Task AcquireAsync_ManyThreadsChurningFullShards_StaysWithinCapacityAndCompletes()
    {
        // 4 partitions per shard, 2,000 partitions in play: lookups race with evictions and sweeps all the time.
        var store = new InMemoryRateLimitStore(_time, 4 * InMemoryRateLimitStore.ShardCount);
        var one = new RateLimitRule("one", RateLimitAlgorithm.Gcra, 1_000_000, TimeSpan.FromSeconds(1));
        var two = new RateLimitRule("two", RateLimitAlgorithm.TokenBucket, 1_000_000, TimeSpan.FromSeconds(1));
        var decided = 0;
        await Parallel.ForAsync(0, 4, async (worker, ct) =>
        {
            for (var i = 0; i < InMemoryRateLimitStore.SweepInterval * 3; i++)
            {
                var key = "k" + (((i * 7) + (worker * 131)) % 2000);
                var allowed = i % 3 == 0
                    ? await Acquire(store, new RateLimitCheck(one, key), new RateLimitCheck(two, "t" + (i % 50)))
                    : await Acquire(store, new RateLimitCheck(one, key));
                if (allowed)
                {
                    Interlocked.Increment(ref decided);
                }
            }
        });

        Assert.Equal(4 * InMemoryRateLimitStore.SweepInterval * 3, decided);
        Assert.True(store.Evictions > 0);
        Assert.InRange(store.Count, 1, 4 * InMemoryRateLimitStore.ShardCount);
    }

    [Fact]
    public async Task AcquireAsync_MoreChecksThanStackBuffer_StillAtomic()
    {
        var store = new InMemoryRateLimitStore(_time, 1000);
        var checks = Enumerable.Range(0, 20).Select(i => new RateLimitCheck(new RateLimitRule("r" + i, RateLimitAlgorithm.FixedWindow, i == 19 ? 1 : 5, TimeSpan.FromMinutes(1)), "a")).ToArray();
        var results = new RateLimitResult[20];

        Assert.True(await store.AcquireAsync(checks, results));
        Assert.False(await store.AcquireAsync(checks, results));
        Assert.False(results[19].Allowed);
        Assert.Equal(4, results[0].Remaining);
    }

    [Fact]
    public async Task AcquireAsync_ChecksOverfillOneShard_DecidesWithoutEvictingItsOwnPartitions()
    {
        // One partition per shard, and one caller's policies share a shard: the call must not evict its own entries.
        var store = new InMemoryRateLimitStore(_time, InMemoryRateLimitStore.ShardCount);
        var checks = Enumerable.Range(0, 3).Select(i => new RateLimitCheck(new RateLimitRule("r" + i, RateLimitAlgorithm.FixedWindow, 2, TimeSpan.FromMinutes(1)), "a")).ToArray();
        var results = new RateLimitResult[3];

        Assert.True(await store.AcquireAsync(checks, results));
        Assert.All(results, r => Assert.Equal(1, r.Remaining));
        Assert.True(await store.AcquireAsync(checks, results));
        Assert.False(await store.AcquireAsync(checks, results));
        Assert.All(results, r => Assert.False(r.Allowed));
    }

    [Fact]
    public async Task AcquireAsync_ConcurrencyWithoutLeaseId_Throws()
    {
        var store = new InMemoryRateLimitStore(_time, 1000);
        var rule = new RateLimitRule("c", RateLimitAlgorithm.Concurrency, 1, TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<ArgumentException>(() => Acquire(store, new RateLimitCheck(rule, "a")));
    }

    [Fact]
    public async Task AcquireAsync_ResultsBufferTooShort_Throws()
    {
        var store = new InMemoryRateLimitStore(_time, 1000);
        var rule = new RateLimitRule("p", RateLimitAlgorithm.Gcra, 1, TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AcquireAsync(new[] { new RateLimitCheck(rule, "a") }, Array.Empty<RateLimitResult>()));
    }

    [Fact]
    public void AcquireAsync_HotPartition_AllocatesNothing()
    {
        var store = new InMemoryRateLimitStore(_time, 1000);
        var rule = new RateLimitRule("p", RateLimitAlgorithm.Gcra, 1_000_000_000, TimeSpan.FromSeconds(1));
        var checks = new[] { new RateLimitCheck(rule, "hot") };
        var results = new RateLimitResult[1];
        Decide(store, checks, results);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Decide(store, checks, results);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // The in-memory store completes synchronously; reading the completed ValueTask directly keeps the loop free of awaits.
    private static bool Decide(IRateLimitStore store, RateLimitCheck[] checks, RateLimitResult[] results)
    {
        var pending = store.AcquireAsync(checks, results);
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
    }

    private static async Task<bool> Acquire(IRateLimitStore store, params RateLimitCheck[] checks)
    {
        var results = new RateLimitResult[checks.Length];
        return await store.AcquireAsync(checks, results);
    }
}
