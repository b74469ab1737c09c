using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.RateLimiting.Internal;
using SecureApi.Toolkit.RateLimiting.Resilience;
using SecureApi.Toolkit.RateLimiting.Storage;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Tests.Resilience;

/// <summary>The circuit opens on sustained failure, not on a burst of slow calls; virtual time, default options.</summary>
public class StoreCircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RateLimitingOptions _options = new();

    [Fact]
    public async Task Evaluate_BurstOfSlowCalls_CircuitStaysClosed()
    {
        // 32 calls made at once all time out together (a cold connection, JIT, a busy pool), then the store is fast.
        var store = new FlakyStore(new InMemoryRateLimitStore(_time, 1000)) { Hang = true };
        var evaluator = Create(store);
        var policy = _options.AddGcra("p", 1_000, TimeSpan.FromMinutes(1));
        var burst = Enumerable.Range(0, 32).Select(_ => Evaluate(evaluator, policy).AsTask()).ToArray();
        _time.Advance(_options.StoreTimeout);
        var decisions = await Task.WhenAll(burst);

        Assert.All(decisions, d => Assert.Equal(DecisionSource.FailMode, d.Source));
        Assert.False(evaluator.Degraded);
        store.Hang = false;
        Assert.Equal(DecisionSource.Store, (await Evaluate(evaluator, policy)).Source);
    }

    [Fact]
    public async Task Evaluate_TimeoutsSustainedOverAQuarterOfTheSamplingDuration_OpensCircuit()
    {
        var store = new FlakyStore(new InMemoryRateLimitStore(_time, 1000)) { Hang = true };
        var evaluator = Create(store);
        var policy = _options.AddGcra("p", 1_000, TimeSpan.FromMinutes(1));

        // Twelve calls time out every 250 ms (the store timeout). After the second round (24 timeouts, enough
        // throughput) they span only 250 ms: still closed. After the third they have kept happening for 500 ms, a
        // quarter of the 2 s sampling duration: open.
        for (var step = 1; step <= 3; step++)
        {
            var pending = Enumerable.Range(0, 12).Select(_ => Evaluate(evaluator, policy).AsTask()).ToArray();
            _time.Advance(_options.StoreTimeout);
            await Task.WhenAll(pending);
            Assert.Equal(step == 3, evaluator.Degraded);
        }

        Assert.True(evaluator.Degraded);
        var calls = store.Calls;
        Assert.Equal(DecisionSource.FailMode, (await Evaluate(evaluator, policy)).Source);
        Assert.Equal(calls, store.Calls); // open: the store is not called
    }

    [Fact]
    public async Task Evaluate_StoreUnavailable_OpensOnceMinimumThroughputIsReached()
    {
        var store = new FlakyStore(new InMemoryRateLimitStore(_time, 1000)) { FailEvery = 1 };
        var evaluator = Create(store);
        var policy = _options.AddGcra("p", 1_000, TimeSpan.FromMinutes(1));

        for (var i = 1; i < _options.CircuitBreakerMinimumThroughput; i++)
        {
            await Evaluate(evaluator, policy);
            Assert.False(evaluator.Degraded);
        }

        await Evaluate(evaluator, policy);
        Assert.True(evaluator.Degraded);
    }

    [Fact]
    public async Task Evaluate_FailureRatioBelowThreshold_CircuitStaysClosed()
    {
        // A third of the calls fail, forever: below the 50 % ratio the store keeps deciding the other two thirds.
        var store = new FlakyStore(new InMemoryRateLimitStore(_time, 1000)) { FailEvery = 3 };
        var evaluator = Create(store);
        var policy = _options.AddGcra("p", 100_000, TimeSpan.FromMinutes(1));
        policy.FailMode = RateLimitFailMode.Open; // no fallback admissions to settle: every store call is a request's
        var byStore = 0;
        for (var i = 0; i < 300; i++)
        {
            byStore += (await Evaluate(evaluator, policy)).Source == DecisionSource.Store ? 1 : 0;
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.False(evaluator.Degraded);
        Assert.Equal(200, byStore);
        Assert.Equal(300, store.Calls);
    }

    [Fact]
    public async Task Evaluate_OpenCircuit_ProbesAfterBreakDurationAndClosesOnSuccess()
    {
        var store = new FlakyStore(new InMemoryRateLimitStore(_time, 1000)) { FailEvery = 1 };
        var evaluator = Create(store);
        var policy = _options.AddGcra("p", 1_000, TimeSpan.FromMinutes(1));
        for (var i = 0; i < _options.CircuitBreakerMinimumThroughput; i++)
        {
            await Evaluate(evaluator, policy);
        }

        Assert.True(evaluator.Degraded);
        store.FailEvery = 0;
        Assert.Equal(DecisionSource.FailMode, (await Evaluate(evaluator, policy)).Source);
        _time.Advance(_options.CircuitBreakerProbeInterval);
        Assert.Equal(DecisionSource.Store, (await Evaluate(evaluator, policy)).Source);
        await evaluator.Settling.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(evaluator.Degraded);
    }

    private RateLimitEvaluator Create(IRateLimitStore store)
        => new(store, Options.Create(_options), _time, new RateLimitingMetrics(new TestMeterFactory()), NullLogger<RateLimitEvaluator>.Instance);

    private static ValueTask<RateLimitDecision> Evaluate(RateLimitEvaluator evaluator, RateLimitPolicy policy)
        => evaluator.EvaluateAsync([policy], [new RateLimitCheck(policy.Rule, "caller")], CancellationToken.None);
}
