using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.RateLimiting.Internal;
using SecureApi.Toolkit.RateLimiting.Resilience;
using SecureApi.Toolkit.RateLimiting.Storage;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Tests.Resilience;

/// <summary>Logs stay bounded whatever the number of failing requests: no line, no stack trace per request.</summary>
public class RateLimitEvaluatorLoggingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RateLimitingOptions _options = new();
    private readonly FakeLogger<RateLimitEvaluator> _logger = new();

    [Fact]
    public async Task Evaluate_SporadicFailuresOnAClosedCircuit_OneSummaryPerTenSeconds()
    {
        // Every third call fails for 30 s: the circuit stays closed (ratio below 50 %), 100 requests fail.
        var evaluator = Create(new FlakyStore(new InMemoryRateLimitStore(_time, 1000)) { FailEvery = 3 });
        var policy = _options.AddGcra("p", 100_000, TimeSpan.FromMinutes(1));
        policy.FailMode = RateLimitFailMode.Open;
        for (var i = 0; i < 300; i++)
        {
            await Evaluate(evaluator, policy);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.False(evaluator.Degraded);
        var records = _logger.Collector.GetSnapshot();
        Assert.InRange(records.Count, 1, 3);
        Assert.All(records, r => Assert.Equal(6101, r.Id.Id));
        Assert.All(records, r => Assert.Null(r.Exception));
        Assert.Contains("calls failed", records[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_OutageOfTwentySeconds_OneWarningDownOneLineBackAndBoundedCounts()
    {
        var store = new FlakyStore(new InMemoryRateLimitStore(_time, 1000)) { FailEvery = 1 };
        var evaluator = Create(store);
        var policy = _options.AddGcra("p", 100_000, TimeSpan.FromMinutes(1));
        for (var i = 0; i < 2_000; i++)
        {
            await Evaluate(evaluator, policy);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        store.FailEvery = 0;
        _time.Advance(_options.CircuitBreakerProbeInterval);
        await Evaluate(evaluator, policy);
        await evaluator.Settling.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(evaluator.Degraded);

        var records = _logger.Collector.GetSnapshot();
        var down = Assert.Single(records, r => r.Id.Id == 6102);
        Assert.Equal(LogLevel.Warning, down.Level);
        Assert.Single(records, r => r.Id.Id == 6103);
        Assert.InRange(records.Count(r => r.Id.Id == 6101), 1, 3); // 20 s of outage: at most one count per 10 s
        Assert.All(records, r => Assert.Null(r.Exception));
        Assert.True(records.Count <= 5, $"{records.Count} lines for 2,000 failing requests");
    }

    private RateLimitEvaluator Create(IRateLimitStore store)
        => new(store, Options.Create(_options), _time, new RateLimitingMetrics(new TestMeterFactory()), _logger);

    private static ValueTask<RateLimitDecision> Evaluate(RateLimitEvaluator evaluator, RateLimitPolicy policy)
        => evaluator.EvaluateAsync([policy], [new RateLimitCheck(policy.Rule, "caller")], CancellationToken.None);
}
