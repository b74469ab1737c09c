using System.Diagnostics.Metrics;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly;

/// <summary>The package's instruments. Tags are signal kinds, detector names and outcomes only, never caller ids.</summary>
internal sealed class AnomalyMetrics
{
    public const string MeterName = "SecureApi.Toolkit.Anomaly";

    private readonly Counter<long> _signals;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _detections;
    private readonly Counter<long> _suspensions;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _handlerFailures;
    private readonly Counter<long> _storeFailures;
    private Func<int>? _activeSuspensions;

    public AnomalyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _signals = meter.CreateCounter<long>("secureapi.anomaly.signals", "{signal}", "Security signals and observed responses processed, by kind.");
        _dropped = meter.CreateCounter<long>("secureapi.anomaly.signals.dropped", "{signal}", "Observations dropped because the processing queue was full.");
        _detections = meter.CreateCounter<long>("secureapi.anomaly.detections", "{detection}", "Detections, by detector and shadow mode.");
        _suspensions = meter.CreateCounter<long>("secureapi.anomaly.suspensions", "{suspension}", "Suspensions made, by reason.");
        _rejections = meter.CreateCounter<long>("secureapi.anomaly.rejections", "{request}", "Requests refused by the suspension gate, by outcome.");
        _handlerFailures = meter.CreateCounter<long>("secureapi.anomaly.handler.failures", "{failure}", "Hook invocations that threw or timed out.");
        _storeFailures = meter.CreateCounter<long>("secureapi.anomaly.store.failures", "{failure}", "Store operations that failed; detection skipped them.");
        meter.CreateObservableUpDownCounter("secureapi.anomaly.suspensions.active", () => _activeSuspensions?.Invoke() ?? 0, "{suspension}", "Suspensions this instance currently enforces.");
    }

    public void ObserveActiveSuspensions(Func<int> count) => _activeSuspensions = count;

    public void Signal(SecuritySignalKind? kind)
    {
        if (_signals.Enabled)
        {
            _signals.Add(1, new KeyValuePair<string, object?>("kind", kind is { } k ? KindName(k) : "request"));
        }
    }

    public void SignalDropped() => _dropped.Add(1);

    public void Detection(string detector, bool shadow)
    {
        if (_detections.Enabled)
        {
            _detections.Add(1, new KeyValuePair<string, object?>("detector", detector), new KeyValuePair<string, object?>("shadow", shadow));
        }
    }

    public void Suspended(string reason)
    {
        if (_suspensions.Enabled)
        {
            _suspensions.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void Rejected(string outcome)
    {
        if (_rejections.Enabled)
        {
            _rejections.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void HandlerFailed(string outcome)
    {
        if (_handlerFailures.Enabled)
        {
            _handlerFailures.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void StoreFailed(string operation)
    {
        if (_storeFailures.Enabled)
        {
            _storeFailures.Add(1, new KeyValuePair<string, object?>("operation", operation));
        }
    }

    // Enum.ToString allocates; the kinds are few and fixed, so name them once.
    private static string KindName(SecuritySignalKind kind) => kind switch
    {
        SecuritySignalKind.AuthenticationFailed => "authentication-failed",
        SecuritySignalKind.SignatureRejected => "signature-rejected",
        SecuritySignalKind.Replay => "replay",
        SecuritySignalKind.RateLimitRefused => "rate-limit-refused",
        SecuritySignalKind.RateLimitNearLimit => "rate-limit-near-limit",
        SecuritySignalKind.PermissionDenied => "permission-denied",
        SecuritySignalKind.NotFound => "not-found",
        SecuritySignalKind.BadRequest => "bad-request",
        SecuritySignalKind.ServerError => "server-error",
        SecuritySignalKind.HashingRejected => "hashing-rejected",
        SecuritySignalKind.Custom => "custom",
        _ => "other",
    };
}
