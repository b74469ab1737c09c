using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.RateLimiting.Internal;
using SecureApi.Toolkit.RateLimiting.Resilience;
using SecureApi.Toolkit.RateLimiting.Storage;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Tests.Resilience;

public class RateLimitEvaluatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RateLimitingOptions _options = new() { CircuitBreakerMinimumThroughput = 2, CircuitBreakerProbeInterval = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Evaluate_RefusedPartition_NextRequestsAnsweredLocally()
    {
        var store = new ScriptedStore(new InMemoryRateLimitStore(_time, 1000));
        var evaluator = Create(store);
        var policy = _options.AddFixedWindow("p", 1, TimeSpan.FromSeconds(10));

        Assert.True((await Evaluate(evaluator, policy)).Allowed);
        var refused = await Evaluate(evaluator, policy);
        Assert.Equal(DecisionSource.Store, refused.Source);
        Assert.Equal(2, store.Calls);

        var local = await Evaluate(evaluator, policy);
        Assert.False(local.Allowed);
        Assert.Equal(DecisionSource.DenyCache, local.Source);
        Assert.Equal(TimeSpan.FromSeconds(10), local.Results[0].RetryAfter);
        Assert.Equal(2, store.Calls);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await Evaluate(evaluator, policy)).Allowed);
        Assert.Equal(3, store.Calls);
    }

    [Fact]
    public async Task Evaluate_DenyCacheDisabled_AlwaysAsksStore()
    {
        _options.LocalDenyCache = false;
        var store = new ScriptedStore(new InMemoryRateLimitStore(_time, 1000));
        var evaluator = Create(store);
        var policy = _options.AddFixedWindow("p", 1, TimeSpan.FromSeconds(10));

        for (var i = 0; i < 4; i++)
        {
            await Evaluate(evaluator, policy);
        }

        Assert.Equal(4, store.Calls);
    }

    [Fact]
    public async Task Evaluate_StoreSlowerThanTimeout_AppliesFailMode()
    {
        var store = new ScriptedStore(new InMemoryRateLimitStore(_time, 1000)) { Hang = true };
        var evaluator = Create(store);
        var policy = _options.AddGcra("p", 10, TimeSpan.FromSeconds(10));
        policy.FailMode = RateLimitFailMode.Closed;

        var pending = Evaluate(evaluator, policy);
        Assert.False(pending.IsCompleted);
        _time.Advance(_options.StoreTimeout);
        var decision = await pending;

        Assert.False(decision.Allowed);
        Assert.Equal(DecisionSource.FailMode, decision.Source);
    }

    [Theory]
    [InlineData(RateLimitFailMode.Open, true)]
    [InlineData(RateLimitFailMode.Closed, false)]
    public async Task Evaluate_StoreDown_OpenAllowsClosedRefuses(RateLimitFailMode mode, bool allowed)
    {
        var evaluator = Create(new ScriptedStore(new InMemoryRateLimitStore(_time, 1000)) { Down = true });
        var policy = _options.AddGcra("p", 1, TimeSpan.FromSeconds(10));
        policy.FailMode = mode;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(allowed, (await Evaluate(evaluator, policy)).Allowed);
        }
    }

    [Fact]
    public async Task Evaluate_StoreDown_LocalFallbackAllowsItsShare()
    {
        var evaluator = Create(new ScriptedStore(new InMemoryRateLimitStore(_time, 1000)) { Down = true });
        var policy = _options.AddFixedWindow("p", 10, TimeSpan.FromSeconds(10));
        policy.LocalFallbackShare = 0.25;

        var admitted = 0;
        for (var i = 0; i < 10; i++)
        {
            admitted += (await Evaluate(evaluator, policy)).Allowed ? 1 : 0;
        }

        Assert.Equal(2, admitted);
    }

    [Fact]
    public async Task Evaluate_ClosedAndFallbackPolicies_ClosedRefusalTakesNoFallbackPermit()
    {
        var evaluator = Create(new ScriptedStore(new InMemoryRateLimitStore(_time, 1000)) { Down = true });
        var local = _options.AddFixedWindow("local", 1, TimeSpan.FromSeconds(10));
        var closed = _options.AddFixedWindow("closed", 1, TimeSpan.FromSeconds(10));
        closed.FailMode = RateLimitFailMode.Closed;

        Assert.False((await Evaluate(evaluator, local, closed)).Allowed);
        Assert.True((await Evaluate(evaluator, local)).Allowed);
    }

    [Fact]
    public async Task Evaluate_CircuitOpensAfterThreshold_ThenOneProbeRecloses()
    {
        var store = new ScriptedStore(new InMemoryRateLimitStore(_time, 1000)) { Down = true };
        var evaluator = Create(store);
        var policy = _options.AddGcra("p", 100, TimeSpan.FromSeconds(10));

        await Evaluate(evaluator, policy);
        Assert.False(evaluator.Degraded);
        await Evaluate(evaluator, policy);
        Assert.True(evaluator.Degraded);
        Assert.Equal(2, store.Calls);

        // Open: the store is not called at all until the probe interval has passed.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(DecisionSource.FailMode, (await Evaluate(evaluator, policy)).Source);
        }

        Assert.Equal(2, store.Calls);

        // A failed probe keeps it open for another interval.
        _time.Advance(TimeSpan.FromSeconds(5));
        await Evaluate(evaluator, policy);
        Assert.Equal(3, store.Calls);
        await Evaluate(evaluator, policy);
        Assert.Equal(3, store.Calls);

        // The store is back: the next probe closes the circuit.
        store.Down = false;
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(DecisionSource.Store, (await Evaluate(evaluator, policy)).Source);
        await evaluator.Settling; // what the fallback admitted is charged to the store before the circuit closes
        Assert.False(evaluator.Degraded);
        Assert.Equal(DecisionSource.Store, (await Evaluate(evaluator, policy)).Source);
    }

    private RateLimitEvaluator Create(IRateLimitStore store)
        => new(store, Options.Create(_options), _time, new RateLimitingMetrics(new TestMeterFactory()), NullLogger<RateLimitEvaluator>.Instance);

    private static ValueTask<RateLimitDecision> Evaluate(RateLimitEvaluator evaluator, params RateLimitPolicy[] policies)
        => evaluator.EvaluateAsync(policies, [.. policies.Select(p => new RateLimitCheck(p.Rule, "caller"))], CancellationToken.None);

    /// <summary>Wraps a real store and can be made unavailable or slow.</summary>
    private sealed class ScriptedStore(IRateLimitStore inner) : IRateLimitStore
    {
        public bool Down { get; set; }

        public bool Hang { get; set; }

        public int Calls { get; private set; }

        public ValueTask<bool> AcquireAsync(ReadOnlyMemory<RateLimitCheck> checks, Memory<RateLimitResult> results, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Down)
            {
                throw new StoreUnavailableException("down for the test");
            }

            return Hang ? new ValueTask<bool>(new TaskCompletionSource<bool>().Task) : inner.AcquireAsync(checks, results, cancellationToken);
        }

        public ValueTask ReleaseAsync(RateLimitRule rule, string partitionKey, string leaseId, CancellationToken cancellationToken = default)
            => inner.ReleaseAsync(rule, partitionKey, leaseId, cancellationToken);
    }
}
