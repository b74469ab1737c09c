using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.RateLimiting.Internal;
using SecureApi.Toolkit.RateLimiting.Storage;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Resilience;

/// <summary>
/// Decides one request against its policies: the local deny cache first, then one store call for all checks, with a
/// command timeout and a circuit breaker; when the store cannot answer, each policy's fail mode (open, closed, or a
/// local in-memory fallback with a share of the limit). Shared by the middleware and the <c>RateLimiter</c> adapter.
/// </summary>
internal sealed partial class RateLimitEvaluator
{
    private readonly IRateLimitStore _store;
    private readonly InMemoryRateLimitStore _fallback;
    private readonly RateLimitingOptions _options;
    private readonly TimeProvider _time;
    private readonly RateLimitingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LocalDenyCache _denyCache;
    private readonly StoreCircuitBreaker _breaker;
    private readonly bool _storeIsLocal;

    public RateLimitEvaluator(IRateLimitStore store, IOptions<RateLimitingOptions> options, TimeProvider time, RateLimitingMetrics metrics, ILogger<RateLimitEvaluator> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _storeIsLocal = store is InMemoryRateLimitStore;
        _fallback = new InMemoryRateLimitStore(time, _options.MaxTrackedPartitions);
        _denyCache = new LocalDenyCache(time);
        _breaker = new StoreCircuitBreaker(time, _options.CircuitBreakerFailureThreshold, _options.CircuitBreakerProbeInterval, OnModeChanged);
    }

    /// <summary>Gets whether the store circuit is open (policies run in their fail mode).</summary>
    public bool Degraded => _breaker.IsOpen;

    public async ValueTask<RateLimitDecision> EvaluateAsync(RateLimitPolicy[] policies, RateLimitCheck[] checks, CancellationToken cancellationToken)
    {
        if (_options.LocalDenyCache && DeniedLocally(checks) is { } denied)
        {
            Record(policies, denied.Results, "deny_cache");
            return denied;
        }

        if (!_breaker.TryEnter(out var probe))
        {
            return await FailModeAsync(policies, checks, cancellationToken).ConfigureAwait(false);
        }

        var results = new RateLimitResult[checks.Length];
        var started = _time.GetTimestamp();
        bool allowed;
        try
        {
            var pending = _store.AcquireAsync(checks, results, cancellationToken);
            allowed = pending.IsCompletedSuccessfully
                ? pending.Result
                : await pending.AsTask().WaitAsync(_options.StoreTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or TimeoutException)
        {
            _metrics.StoreDuration(_time.GetElapsedTime(started), success: false);
            _metrics.StoreFailure(ex is TimeoutException ? "timeout" : "unavailable");
            LogStoreFailed(_logger, ex.GetType().Name, ex.Message);
            _breaker.OnFailure(probe);
            return await FailModeAsync(policies, checks, cancellationToken).ConfigureAwait(false);
        }

        _breaker.OnSuccess(probe);
        if (!_storeIsLocal)
        {
            _metrics.StoreDuration(_time.GetElapsedTime(started), success: true);
        }

        if (!allowed && _options.LocalDenyCache)
        {
            for (var i = 0; i < checks.Length; i++)
            {
                if (!results[i].Allowed && !checks[i].Shadow && checks[i].Rule.Algorithm != RateLimitAlgorithm.Concurrency)
                {
                    // Concurrency refusals are not cached: a release can free a permit at any moment.
                    _denyCache.Refuse(checks[i].Rule.Name, checks[i].PartitionKey, checks[i].Cost, results[i].RetryAfter);
                }
            }
        }

        Record(policies, results, "store");
        return new RateLimitDecision(allowed, results, DecisionSource.Store);
    }

    public async ValueTask ReleaseAsync(RateLimitCheck check, bool local, CancellationToken cancellationToken)
    {
        if (local)
        {
            await _fallback.ReleaseAsync(check.Rule, check.PartitionKey, check.LeaseId!, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_breaker.IsOpen)
        {
            return; // the lease expires by itself; a dead store is not worth a timeout per request
        }

        try
        {
            var pending = _store.ReleaseAsync(check.Rule, check.PartitionKey, check.LeaseId!, cancellationToken);
            if (!pending.IsCompletedSuccessfully)
            {
                await pending.AsTask().WaitAsync(_options.StoreTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is StoreUnavailableException or TimeoutException)
        {
            // The lease expires after the policy's lease lifetime; nothing leaks for longer.
            _metrics.StoreFailure(ex is TimeoutException ? "timeout" : "unavailable");
        }
    }

    private RateLimitDecision? DeniedLocally(RateLimitCheck[] checks)
    {
        RateLimitResult[]? results = null;
        for (var i = 0; i < checks.Length; i++)
        {
            if (checks[i].Shadow)
            {
                continue;
            }

            var refusedFor = _denyCache.RefusedFor(checks[i].Rule.Name, checks[i].PartitionKey, checks[i].Cost);
            if (refusedFor > TimeSpan.Zero)
            {
                results ??= Enumerable.Repeat(RateLimitDecision.Unknown, checks.Length).ToArray();
                results[i] = new RateLimitResult(false, 0, refusedFor, refusedFor);
            }
        }

        return results is null ? null : new RateLimitDecision(false, results, DecisionSource.DenyCache);
    }

    private async ValueTask<RateLimitDecision> FailModeAsync(RateLimitPolicy[] policies, RateLimitCheck[] checks, CancellationToken cancellationToken)
    {
        var results = new RateLimitResult[checks.Length];
        var local = new bool[checks.Length];
        var closedRefuses = false;
        var localCount = 0;
        var retry = _breaker.UntilProbe > TimeSpan.Zero ? _breaker.UntilProbe : _options.CircuitBreakerProbeInterval;
        for (var i = 0; i < checks.Length; i++)
        {
            switch (policies[i].FailMode)
            {
                case RateLimitFailMode.Open:
                    results[i] = RateLimitDecision.Unknown;
                    _metrics.Decision(policies[i].Name, "allowed", "fail_open");
                    break;
                case RateLimitFailMode.Closed:
                    results[i] = new RateLimitResult(false, 0, retry, retry);
                    closedRefuses |= !checks[i].Shadow;
                    _metrics.Decision(policies[i].Name, checks[i].Shadow ? "shadow_refused" : "refused", "fail_closed");
                    break;
                default:
                    local[i] = true;
                    localCount++;
                    results[i] = RateLimitDecision.Unknown;
                    break;
            }
        }

        if (closedRefuses || localCount == 0)
        {
            return new RateLimitDecision(!closedRefuses, results, DecisionSource.FailMode, local);
        }

        var fallbackChecks = new RateLimitCheck[localCount];
        var fallbackPolicies = new RateLimitPolicy[localCount];
        for (int i = 0, j = 0; i < checks.Length; i++)
        {
            if (local[i])
            {
                fallbackChecks[j] = checks[i] with { Rule = policies[i].FallbackRule };
                fallbackPolicies[j++] = policies[i];
            }
        }

        var fallbackResults = new RateLimitResult[localCount];
        var allowed = await _fallback.AcquireAsync(fallbackChecks, fallbackResults, cancellationToken).ConfigureAwait(false);
        for (int i = 0, j = 0; i < checks.Length; i++)
        {
            if (local[i])
            {
                results[i] = fallbackResults[j++];
            }
        }

        Record(fallbackPolicies, fallbackResults, "fallback");
        return new RateLimitDecision(allowed, results, DecisionSource.FailMode, local);
    }

    private void Record(RateLimitPolicy[] policies, RateLimitResult[] results, string source)
    {
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Remaining < 0)
            {
                continue;
            }

            var outcome = results[i].Allowed ? "allowed" : policies[i].Shadow ? "shadow_refused" : "refused";
            _metrics.Decision(policies[i].Name, outcome, source);
        }
    }

    private void OnModeChanged(bool degraded)
    {
        _metrics.ModeChanged(degraded);
        if (degraded)
        {
            LogDegraded(_logger, _options.CircuitBreakerFailureThreshold, _options.CircuitBreakerProbeInterval.TotalSeconds);
        }
        else
        {
            LogRecovered(_logger);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Rate-limit store call failed ({ExceptionType}: {Reason}); the policies' fail modes apply.")]
    private static partial void LogStoreFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Rate-limit store circuit opened after {Failures} consecutive failures: policies run in their fail mode; the store is probed every {ProbeSeconds} s.")]
    private static partial void LogDegraded(ILogger logger, int failures, double probeSeconds);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Rate-limit store circuit closed: the store answered a probe, policies use it again.")]
    private static partial void LogRecovered(ILogger logger);
}
