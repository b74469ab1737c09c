using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecureApi.Toolkit.RateLimiting.Internal;

/// <summary>
/// The package's instruments (meter <c>SecureApi.Toolkit.RateLimiting</c>). Tags are policy names and fixed words,
/// never a partition key, so cardinality stays bounded by configuration.
/// </summary>
internal sealed class RateLimitingMetrics
{
    public const string MeterName = "SecureApi.Toolkit.RateLimiting";
    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _storeDuration;
    private readonly Counter<long> _storeFailures;
    private readonly Counter<long> _modeChanges;
    private int _degraded;

    public RateLimitingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("secureapi.ratelimiting.decisions", "{decision}", "Rate-limit decisions by policy, result (allowed, refused, shadow_refused) and source (store, deny_cache, fallback, fail_open, fail_closed).");
        _storeDuration = meter.CreateHistogram<double>("secureapi.ratelimiting.store.duration", "s", "Duration of the store call that decides all policies of one request.");
        _storeFailures = meter.CreateCounter<long>("secureapi.ratelimiting.store.failures", "{failure}", "Store calls that failed or timed out, after which the fail modes applied.");
        _modeChanges = meter.CreateCounter<long>("secureapi.ratelimiting.store.mode_changes", "{change}", "Changes of the store circuit between normal (closed) and degraded (open).");
        meter.CreateObservableGauge("secureapi.ratelimiting.store.degraded", () => Volatile.Read(ref _degraded), "{state}", "1 while the store circuit is open and policies run in their fail mode, else 0.");
    }

    public void Decision(string policy, string result, string source)
    {
        if (_decisions.Enabled)
        {
            _decisions.Add(1, new TagList { { "policy", policy }, { "result", result }, { "source", source } });
        }
    }

    public void StoreDuration(TimeSpan elapsed, bool success)
    {
        if (_storeDuration.Enabled)
        {
            _storeDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("success", success));
        }
    }

    public void StoreFailure(string reason)
    {
        if (_storeFailures.Enabled)
        {
            _storeFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void ModeChanged(bool degraded)
    {
        Volatile.Write(ref _degraded, degraded ? 1 : 0);
        if (_modeChanges.Enabled)
        {
            _modeChanges.Add(1, new KeyValuePair<string, object?>("mode", degraded ? "degraded" : "normal"));
        }
    }
}
