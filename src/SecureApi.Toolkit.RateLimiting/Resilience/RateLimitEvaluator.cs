using System.Collections.Concurrent;
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
/// <remarks>
/// The local fallback is kept fleet-safe by three rules. (1) Its share is limit / the live instances the store last
/// reported, so the fleet's fallbacks add up to the limit. (2) While the store answers, every permit it grants this
/// instance is also charged to the fallback (the fallback mirrors this instance's admissions), so at fail-over the
/// fallback has only this instance's share of what the fleet has left, not a fresh share. (3) What the fallback admits
/// without the store having been asked (circuit open, store unreachable) is owed to the store and charged to it before
/// the circuit closes again, so the store does not hand the same permits out a second time.
/// </remarks>
internal sealed partial class RateLimitEvaluator
{
    /// <summary>The most partitions whose fallback admissions are remembered for settlement; beyond it they are not (documented overshoot).</summary>
    internal const int DebtCapacity = 10_000;

    /// <summary>At most one summary of failed calls and fail-mode decisions per this interval, whatever the traffic.</summary>
    internal static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(10);

    private readonly IRateLimitStore _store;
    private readonly InMemoryRateLimitStore _fallback;
    private readonly RateLimitingOptions _options;
    private readonly TimeProvider _time;
    private readonly RateLimitingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LocalDenyCache _denyCache;
    private readonly StoreCircuitBreaker _breaker;
    private readonly bool _storeIsLocal;
    private readonly ConcurrentDictionary<PartitionId, Debt> _debts = new();
    private int _settling;
    private long _failedCalls;
    private long _timedOutCalls;
    private long _failModeDecisions;
    private long _summaryAt;

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
        _breaker = new StoreCircuitBreaker(time, _options.CircuitBreakerFailureRatio, _options.CircuitBreakerMinimumThroughput, _options.CircuitBreakerSamplingDuration, _options.CircuitBreakerProbeInterval, OnModeChanged);
        _summaryAt = time.GetTimestamp();
    }

    /// <summary>Gets the settlement running in the background, if any (tests await it).</summary>
    internal Task Settling { get; private set; } = Task.CompletedTask;

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
            return await FailModeAsync(policies, checks, storeMayHaveCounted: false, cancellationToken).ConfigureAwait(false);
        }

        var results = new RateLimitResult[checks.Length];
        var started = _time.GetTimestamp();
        bool allowed;
        try
        {
            allowed = await CallStoreAsync(checks, results, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or TimeoutException)
        {
            var failure = Classify(ex);
            _metrics.StoreDuration(_time.GetElapsedTime(started), success: false);
            _metrics.StoreFailure(failure == StoreFailure.Timeout ? "timeout" : "unavailable");
            Interlocked.Increment(ref _failedCalls);
            if (failure == StoreFailure.Timeout)
            {
                Interlocked.Increment(ref _timedOutCalls);
            }

            _breaker.OnFailure(probe, failure);

            // A call that timed out may still run on the store and take its permits there (the command was sent; a
            // paused or slow Redis runs it later). Its request is decided by the local fallback, which charges it like
            // any admission (rule 2 of the remarks), but it is not owed to the store: the store has counted it, or will
            // when the queued command runs, and charging it again would count the same request twice. A call that
            // failed as unavailable never reached the store, so what the fallback admits for it is owed (rule 3).
            return await FailModeAsync(policies, checks, storeMayHaveCounted: failure == StoreFailure.Timeout, cancellationToken).ConfigureAwait(false);
        }

        if (probe)
        {
            // The store answers again: charge it with what the fallback admitted meanwhile, then close the circuit.
            // Until then requests stay on the fallback, which knows about those admissions, so none is handed out twice.
            StartSettlement(closeWhenDone: true);
        }
        else
        {
            _breaker.OnSuccess(probe: false);
            if (!_debts.IsEmpty)
            {
                StartSettlement(closeWhenDone: false);
            }
        }

        if (!_storeIsLocal)
        {
            _metrics.StoreDuration(_time.GetElapsedTime(started), success: true);
        }

        if (allowed)
        {
            await MirrorAsync(policies, checks, results, cancellationToken).ConfigureAwait(false);
        }
        else if (_options.LocalDenyCache)
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

    private async ValueTask<RateLimitDecision> FailModeAsync(RateLimitPolicy[] policies, RateLimitCheck[] checks, bool storeMayHaveCounted, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _failModeDecisions);
        MaybeLogSummary();
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
        var liveInstances = _store.LiveInstances;
        for (int i = 0, j = 0; i < checks.Length; i++)
        {
            if (local[i])
            {
                fallbackChecks[j] = checks[i] with { Rule = policies[i].FallbackRuleFor(liveInstances) };
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

        if (allowed && !storeMayHaveCounted)
        {
            for (var i = 0; i < checks.Length; i++)
            {
                if (local[i] && !checks[i].Shadow && checks[i].Rule.Algorithm != RateLimitAlgorithm.Concurrency)
                {
                    Owe(checks[i]);
                }
            }
        }

        Record(fallbackPolicies, fallbackResults, "fallback");
        return new RateLimitDecision(allowed, results, DecisionSource.FailMode, local);
    }

    /// <summary>One store call, bounded by <see cref="RateLimitingOptions.StoreTimeout"/>.</summary>
    private async ValueTask<bool> CallStoreAsync(RateLimitCheck[] checks, RateLimitResult[] results, CancellationToken cancellationToken)
    {
        var pending = _store.AcquireAsync(checks, results, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? pending.Result
            : await pending.AsTask().WaitAsync(_options.StoreTimeout, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A timeout, ours or the store's own (its inner exception), means the command may have reached the store.</summary>
    private static StoreFailure Classify(Exception ex)
        => ex is TimeoutException || ex.InnerException is TimeoutException ? StoreFailure.Timeout : StoreFailure.Unavailable;

    /// <summary>
    /// Charges the local fallback with the permits the store granted this instance (rule 2 of the remarks). Concurrency
    /// leases are not mirrored: they are released, and the fallback counts only those taken during the outage.
    /// </summary>
    private async ValueTask MirrorAsync(RateLimitPolicy[] policies, RateLimitCheck[] checks, RateLimitResult[] results, CancellationToken cancellationToken)
    {
        var liveInstances = _store.LiveInstances;
        for (var i = 0; i < checks.Length; i++)
        {
            var check = checks[i];
            if (policies[i].FailMode != RateLimitFailMode.LocalFallback || check.Shadow || check.Rule.Algorithm == RateLimitAlgorithm.Concurrency || !results[i].Allowed)
            {
                continue;
            }

            // Refused when the fallback's share is already used up: then it is saturated, which is what it should know.
            await _fallback.AcquireAsync(new[] { check with { Rule = policies[i].FallbackRuleFor(liveInstances) } }, new RateLimitResult[1], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Remembers that the fallback admitted <paramref name="check"/> without the store (rule 3 of the remarks).</summary>
    private void Owe(RateLimitCheck check)
    {
        var id = new PartitionId(check.Rule.Name, check.PartitionKey);
        if (_debts.Count >= DebtCapacity && !_debts.ContainsKey(id))
        {
            return; // bounded: beyond it the store is not told (the README states the overshoot)
        }

        _debts.AddOrUpdate(id, static (_, c) => new Debt(c.Rule, c.Cost), static (_, debt, c) => debt with { Cost = debt.Cost + c.Cost }, check);
    }

    /// <summary>Settles the debts in the background; with <paramref name="closeWhenDone"/> (a successful probe), then closes the circuit, or keeps it open if the store fails again.</summary>
    private void StartSettlement(bool closeWhenDone)
    {
        if (!closeWhenDone && Interlocked.CompareExchange(ref _settling, 1, 0) != 0)
        {
            return;
        }

        if (closeWhenDone && _debts.IsEmpty)
        {
            _breaker.Close();
            return;
        }

        Settling = Task.Run(async () =>
        {
            var settled = await SettleAsync().ConfigureAwait(false);
            if (closeWhenDone)
            {
                if (settled)
                {
                    _breaker.Close();
                }
                else
                {
                    _breaker.ProbeFailed();
                }
            }
            else
            {
                Volatile.Write(ref _settling, 0);
            }
        });
    }

    /// <summary>
    /// Charges the store with every debt: its cost (at most the limit), or, when the store refuses that, what it has left.
    /// Returns <see langword="false"/> when the store failed; the unsettled debts are kept for the next attempt.
    /// </summary>
    private async Task<bool> SettleAsync()
    {
        for (var round = 0; round < 3 && !_debts.IsEmpty; round++)
        {
            foreach (var (id, _) in _debts)
            {
                if (!_debts.TryRemove(id, out var debt))
                {
                    continue;
                }

                try
                {
                    var check = new RateLimitCheck(debt.Rule, id.Partition, Math.Min(debt.Cost, debt.Rule.Limit));
                    var result = new RateLimitResult[1];
                    if (!await CallStoreAsync([check], result, CancellationToken.None).ConfigureAwait(false) && result[0].Remaining > 0)
                    {
                        await CallStoreAsync([check with { Cost = result[0].Remaining }], result, CancellationToken.None).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is StoreUnavailableException or TimeoutException)
                {
                    _debts.AddOrUpdate(id, debt, (_, newer) => newer with { Cost = newer.Cost + debt.Cost });
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Logs how many store calls failed and how many decisions the fail modes made, at most once per <see cref="SummaryInterval"/>.</summary>
    private void MaybeLogSummary()
    {
        var last = Volatile.Read(ref _summaryAt);
        var since = _time.GetElapsedTime(last);
        if (since < SummaryInterval || Interlocked.CompareExchange(ref _summaryAt, _time.GetTimestamp(), last) != last)
        {
            return;
        }

        var failed = Interlocked.Exchange(ref _failedCalls, 0);
        var timedOut = Interlocked.Exchange(ref _timedOutCalls, 0);
        var decisions = Interlocked.Exchange(ref _failModeDecisions, 0);
        LogSummary(_logger, failed, timedOut, decisions, Math.Round(since.TotalSeconds));
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
            LogDegraded(_logger, _options.CircuitBreakerFailureRatio * 100, _options.CircuitBreakerSamplingDuration.TotalSeconds, _store.LiveInstances, _options.CircuitBreakerProbeInterval.TotalSeconds);
        }
        else
        {
            LogRecovered(_logger, Interlocked.Read(ref _failModeDecisions));
        }
    }

    // No exception, no stack trace, nothing per request: one line when the store goes down, one when it is back, and
    // in between (and for sporadic failures with the circuit closed) a count at most once per SummaryInterval.
    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Rate-limit store: {FailedCalls} calls failed ({TimedOut} of them timed out) and the fail modes decided {FailModeDecisions} requests in the last {Seconds} s.")]
    private static partial void LogSummary(ILogger logger, long failedCalls, long timedOut, long failModeDecisions, double seconds);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Rate-limit store is failing (at least {FailurePercent} % of calls over {SamplingSeconds} s): policies run in their fail mode, the local fallback with its share for {LiveInstances} live instances; the store is probed every {ProbeSeconds} s.")]
    private static partial void LogDegraded(ILogger logger, double failurePercent, double samplingSeconds, int liveInstances, double probeSeconds);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Rate-limit store answers again: what the local fallback admitted is charged to it and policies use it again ({FailModeDecisions} requests decided by the fail modes since the last summary).")]
    private static partial void LogRecovered(ILogger logger, long failModeDecisions);

    private readonly record struct Debt(RateLimitRule Rule, long Cost);
}
