using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Conformance.RateLimiting;

/// <summary>
/// The behaviour every <see cref="IRateLimitStore"/> must show, run against each implementation by a small subclass.
/// Time is virtual: <see cref="Advance"/> moves the clock the store reads. Redis still expires keys by its own, real
/// clock, so a state that must outlive several calls gets a TTL of seconds, never a fraction of one.
/// </summary>
public abstract class RateLimitStoreConformanceTests : IDisposable
{
    private ServiceProvider? _provider;

    protected IRateLimitStore Store => (_provider ??= CreateProvider()).GetRequiredService<IRateLimitStore>();

    /// <summary>Gets a partition key unique to this test instance, so runs against a shared server never collide.</summary>
    protected string Key { get; } = "caller-" + Guid.NewGuid().ToString("N");

    /// <summary>Builds the app's services with rate limiting and the store under test.</summary>
    protected abstract ServiceProvider CreateProvider();

    /// <summary>Moves the clock the store reads.</summary>
    protected abstract void Advance(TimeSpan by);

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(RateLimitAlgorithm.Gcra)]
    [InlineData(RateLimitAlgorithm.TokenBucket)]
    [InlineData(RateLimitAlgorithm.FixedWindow)]
    [InlineData(RateLimitAlgorithm.SlidingWindow)]
    public async Task Acquire_ExactlyTheLimit_ThenRefuses(RateLimitAlgorithm algorithm)
    {
        var rule = Rule(algorithm, 5, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 5; i++)
        {
            var result = await One(rule);
            Assert.True(result.Allowed, $"request {i + 1} of 5");
            Assert.Equal(4 - i, result.Remaining);
        }

        var refused = await One(rule);
        Assert.False(refused.Allowed);
        Assert.Equal(0, refused.Remaining);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task Acquire_IncompleteCheckAmongValidOnes_ThrowsArgumentExceptionAndTakesNothing()
    {
        var rule = Rule(RateLimitAlgorithm.FixedWindow, 2, TimeSpan.FromSeconds(10));
        var results = new RateLimitResult[2];
        RateLimitCheck[][] invalid =
        [
            [new RateLimitCheck(rule, Key), new RateLimitCheck(rule, string.Empty)],
            [new RateLimitCheck(rule, Key), new RateLimitCheck(rule, Key + "-b", Cost: 0)],
            [new RateLimitCheck(rule, Key), new RateLimitCheck(Rule(RateLimitAlgorithm.Concurrency, 2, TimeSpan.FromSeconds(10)), Key + "-c")],
        ];

        foreach (var checks in invalid)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.AcquireAsync(checks, results).AsTask());
        }

        // The valid check beside each incomplete one took nothing: the whole limit is still there.
        Assert.True((await One(rule)).Allowed);
        Assert.True((await One(rule)).Allowed);
        Assert.False((await One(rule)).Allowed);
    }

    [Theory]
    [InlineData(RateLimitAlgorithm.Gcra)]
    [InlineData(RateLimitAlgorithm.TokenBucket)]
    [InlineData(RateLimitAlgorithm.FixedWindow)]
    [InlineData(RateLimitAlgorithm.SlidingWindow)]
    [InlineData(RateLimitAlgorithm.Concurrency)]
    public async Task Acquire_CostAboveLimit_RefusedWithoutTakingAnything(RateLimitAlgorithm algorithm)
    {
        var rule = Rule(algorithm, 3, TimeSpan.FromSeconds(10));

        var refused = await One(rule, cost: 4);
        Assert.False(refused.Allowed);
        Assert.Equal(rule.Window, refused.RetryAfter);
        Assert.Equal(3, refused.Remaining);
        Assert.True((await One(rule, cost: 3)).Allowed);
    }

    [Theory]
    [InlineData(RateLimitAlgorithm.Gcra)]
    [InlineData(RateLimitAlgorithm.TokenBucket)]
    [InlineData(RateLimitAlgorithm.FixedWindow)]
    [InlineData(RateLimitAlgorithm.SlidingWindow)]
    public async Task Acquire_Weighted_TakesCostPermits(RateLimitAlgorithm algorithm)
    {
        var rule = Rule(algorithm, 10, TimeSpan.FromSeconds(10));

        Assert.Equal(3, (await One(rule, cost: 7)).Remaining);
        var refused = await One(rule, cost: 4);
        Assert.False(refused.Allowed);
        Assert.Equal(3, refused.Remaining);
        Assert.True((await One(rule, cost: 3)).Allowed);
    }

    [Fact]
    public async Task Gcra_AfterBurst_AdmitsOnePerEmissionInterval()
    {
        // One permit per 10 s: after the first call the Redis key lives one interval (real time), ample for the next.
        var rule = Rule(RateLimitAlgorithm.Gcra, 10, TimeSpan.FromSeconds(100));
        for (var i = 0; i < 10; i++)
        {
            await One(rule);
        }

        var refused = await One(rule);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(100), refused.ResetAfter);

        Advance(TimeSpan.FromMilliseconds(9_999));
        Assert.False((await One(rule)).Allowed);
        Advance(TimeSpan.FromMilliseconds(1));
        var allowed = await One(rule);
        Assert.True(allowed.Allowed);
        Assert.Equal(0, allowed.Remaining);
        Assert.False((await One(rule)).Allowed);
    }

    [Fact]
    public async Task Gcra_NonIntegralInterval_AdmitsWholeLimit()
    {
        // 10 s / 3 is not a whole number of microseconds. The window is seconds long because the Redis key's TTL is
        // one interval after the first call, in real time: a fraction of a second could run out before the next call.
        var rule = Rule(RateLimitAlgorithm.Gcra, 3, TimeSpan.FromSeconds(10));

        Assert.True((await One(rule)).Allowed);
        Assert.True((await One(rule)).Allowed);
        Assert.True((await One(rule)).Allowed);
        Assert.False((await One(rule)).Allowed);
    }

    [Fact]
    public async Task TokenBucket_Refill_ContinuousAndCapped()
    {
        // One token per 10 s: after the first call the Redis key lives until one token is back (real time), ample for the next.
        var rule = Rule(RateLimitAlgorithm.TokenBucket, 4, TimeSpan.FromSeconds(40));
        for (var i = 0; i < 4; i++)
        {
            await One(rule);
        }

        var refused = await One(rule, cost: 2);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.RetryAfter);
        Advance(TimeSpan.FromSeconds(20));
        Assert.True((await One(rule, cost: 2)).Allowed);

        Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, (await One(rule)).Remaining); // capped at the capacity, not an hour's worth
    }

    [Fact]
    public async Task FixedWindow_AnchoredAtFirstHit_ResetsOneWindowLater()
    {
        var rule = Rule(RateLimitAlgorithm.FixedWindow, 2, TimeSpan.FromSeconds(10));
        Advance(TimeSpan.FromMilliseconds(3_700)); // an odd offset: anchoring must not depend on alignment
        await One(rule);
        Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(6), (await One(rule)).ResetAfter);
        var refused = await One(rule);
        Assert.Equal(TimeSpan.FromSeconds(6), refused.RetryAfter);

        Advance(TimeSpan.FromMilliseconds(5_999));
        Assert.False((await One(rule)).Allowed);
        Advance(TimeSpan.FromMilliseconds(1));
        var fresh = await One(rule);
        Assert.True(fresh.Allowed);
        Assert.Equal(1, fresh.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(10), fresh.ResetAfter);
    }

    [Fact]
    public async Task FixedWindow_Aligned_ResetsOnWindowMultiples()
    {
        var rule = new RateLimitRule("aligned-" + Guid.NewGuid().ToString("N"), RateLimitAlgorithm.FixedWindow, 1, TimeSpan.FromMinutes(1), alignWindow: true);
        var first = await One(rule);
        Assert.True(first.Allowed);
        var refused = await One(rule);
        Assert.False(refused.Allowed);

        // The window ends at the next whole minute since the epoch, wherever in the minute the first hit fell.
        Advance(refused.RetryAfter - TimeSpan.FromMilliseconds(1));
        Assert.False((await One(rule)).Allowed);
        Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await One(rule)).Allowed);
        Assert.Equal(TimeSpan.FromMinutes(1), (await One(rule)).RetryAfter);
    }

    [Fact]
    public async Task SlidingWindow_PreviousBucket_CountsByOverlap()
    {
        var rule = Rule(RateLimitAlgorithm.SlidingWindow, 10, TimeSpan.FromSeconds(10));
        AlignTo(rule.Window);
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await One(rule)).Allowed);
        }

        // 2.5 s into the next bucket, 75 % of the previous one still counts: 7.5 → 2 more fit.
        Advance(TimeSpan.FromSeconds(12.5));
        Assert.True((await One(rule)).Allowed);
        Assert.True((await One(rule)).Allowed);
        var refused = await One(rule);
        Assert.False(refused.Allowed);

        // The third fits once 0.5 more permits of the previous bucket slid out: 0.5 s later.
        Assert.Equal(TimeSpan.FromMilliseconds(500), refused.RetryAfter);
        Advance(TimeSpan.FromMilliseconds(500));
        Assert.True((await One(rule)).Allowed);

        // Two buckets later the history is gone.
        Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(9, (await One(rule)).Remaining);
    }

    [Theory]
    [InlineData(RateLimitAlgorithm.Gcra)]
    [InlineData(RateLimitAlgorithm.TokenBucket)]
    [InlineData(RateLimitAlgorithm.FixedWindow)]
    [InlineData(RateLimitAlgorithm.SlidingWindow)]
    public async Task Acquire_AfterIdle_FullLimitAgain(RateLimitAlgorithm algorithm)
    {
        var rule = Rule(algorithm, 3, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 3; i++)
        {
            await One(rule);
        }

        Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(2, (await One(rule)).Remaining);
    }

    [Fact]
    public async Task Acquire_SeveralPolicies_AllOrNothing()
    {
        var wide = Rule(RateLimitAlgorithm.Gcra, 100, TimeSpan.FromMinutes(1));
        var narrow = Rule(RateLimitAlgorithm.FixedWindow, 2, TimeSpan.FromMinutes(1));
        var results = new RateLimitResult[2];
        var checks = new[] { new RateLimitCheck(wide, Key), new RateLimitCheck(narrow, Key) };

        Assert.True(await Store.AcquireAsync(checks, results));
        Assert.True(await Store.AcquireAsync(checks, results));
        Assert.False(await Store.AcquireAsync(checks, results));
        Assert.True(results[0].Allowed);
        Assert.False(results[1].Allowed);

        // The refused call took nothing from the policy that allowed it.
        Assert.Equal(98, results[0].Remaining);
        Assert.Equal(97, (await One(wide)).Remaining);
    }

    [Fact]
    public async Task Acquire_SeveralRefusing_ReportsEveryRefusal()
    {
        var one = Rule(RateLimitAlgorithm.FixedWindow, 1, TimeSpan.FromMinutes(1));
        var two = Rule(RateLimitAlgorithm.TokenBucket, 1, TimeSpan.FromMinutes(1));
        var results = new RateLimitResult[2];
        var checks = new[] { new RateLimitCheck(one, Key), new RateLimitCheck(two, Key) };
        await Store.AcquireAsync(checks, results);

        Assert.False(await Store.AcquireAsync(checks, results));
        Assert.False(results[0].Allowed);
        Assert.False(results[1].Allowed);
    }

    [Fact]
    public async Task Acquire_ShadowRefusing_DoesNotBlockEnforced()
    {
        var shadow = Rule(RateLimitAlgorithm.FixedWindow, 1, TimeSpan.FromMinutes(1));
        var enforced = Rule(RateLimitAlgorithm.FixedWindow, 10, TimeSpan.FromMinutes(1));
        var results = new RateLimitResult[2];
        var checks = new[] { new RateLimitCheck(shadow, Key, Shadow: true), new RateLimitCheck(enforced, Key) };

        Assert.True(await Store.AcquireAsync(checks, results));
        Assert.True(await Store.AcquireAsync(checks, results));
        Assert.False(results[0].Allowed);
        Assert.Equal(8, results[1].Remaining);
    }

    [Fact]
    public async Task Concurrency_LeasesHeldUntilReleased()
    {
        var rule = Rule(RateLimitAlgorithm.Concurrency, 2, TimeSpan.FromSeconds(30));
        Assert.True((await Lease(rule, "l1")).Allowed);
        Assert.Equal(0, (await Lease(rule, "l2")).Remaining);
        var refused = await Lease(rule, "l3");
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);

        await Store.ReleaseAsync(rule, Key, "l1");
        Assert.True((await Lease(rule, "l3")).Allowed);
        await Store.ReleaseAsync(rule, Key, "unknown"); // harmless
        Assert.False((await Lease(rule, "l4")).Allowed);
    }

    [Fact]
    public async Task Concurrency_UnreleasedLease_ExpiresAfterLifetime()
    {
        var rule = Rule(RateLimitAlgorithm.Concurrency, 1, TimeSpan.FromSeconds(30));
        Assert.True((await Lease(rule, "crashed")).Allowed);
        Advance(TimeSpan.FromSeconds(29));
        Assert.False((await Lease(rule, "l2")).Allowed);
        Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Lease(rule, "l2")).Allowed);
    }

    [Fact]
    public async Task Concurrency_Weighted_CountsCost()
    {
        var rule = Rule(RateLimitAlgorithm.Concurrency, 5, TimeSpan.FromSeconds(30));
        Assert.True((await Lease(rule, "big", cost: 4)).Allowed);
        Assert.False((await Lease(rule, "two", cost: 2)).Allowed);
        await Store.ReleaseAsync(rule, Key, "big");
        Assert.Equal(3, (await Lease(rule, "two", cost: 2)).Remaining);
    }

    protected static RateLimitRule Rule(RateLimitAlgorithm algorithm, long limit, TimeSpan window)
        => new(algorithm.ToString().ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8], algorithm, limit, window);

    protected async Task<RateLimitResult> One(RateLimitRule rule, long cost = 1)
    {
        var results = new RateLimitResult[1];
        var leaseId = rule.Algorithm == RateLimitAlgorithm.Concurrency ? Guid.NewGuid().ToString("N") : null;
        await Store.AcquireAsync(new[] { new RateLimitCheck(rule, Key, cost, LeaseId: leaseId) }, results);
        return results[0];
    }

    /// <summary>Moves the clock to the start of the next multiple of <paramref name="window"/> since the epoch.</summary>
    protected abstract void AlignTo(TimeSpan window);

    private async Task<RateLimitResult> Lease(RateLimitRule rule, string leaseId, long cost = 1)
    {
        var results = new RateLimitResult[1];
        await Store.AcquireAsync(new[] { new RateLimitCheck(rule, Key, cost, LeaseId: leaseId) }, results);
        return results[0];
    }
}
