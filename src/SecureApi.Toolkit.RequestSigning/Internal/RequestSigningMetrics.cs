using System.Diagnostics.Metrics;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Counters by outcome and reason code; no per-caller tags.</summary>
internal sealed class RequestSigningMetrics
{
    public const string MeterName = "SecureApi.Toolkit.RequestSigning";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _storeFailures;

    public RequestSigningMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("secureapi.request_signing.accepted", "{request}", "Requests whose signature verified.");
        _rejected = meter.CreateCounter<long>("secureapi.request_signing.rejected", "{request}", "Requests rejected by signature verification, by reason.");
        _storeFailures = meter.CreateCounter<long>("secureapi.request_signing.replay_store_failures", "{failure}", "Replay store failures, by the fail mode applied.");
    }

    public void Accepted(string algorithm)
    {
        if (_accepted.Enabled)
        {
            _accepted.Add(1, new KeyValuePair<string, object?>("algorithm", algorithm));
        }
    }

    public void Rejected(string reason)
    {
        if (_rejected.Enabled)
        {
            _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void ReplayStoreFailure(ReplayStoreFailureMode mode)
    {
        if (_storeFailures.Enabled)
        {
            _storeFailures.Add(1, new KeyValuePair<string, object?>("mode", mode == ReplayStoreFailureMode.FailOpen ? "open" : "closed"));
        }
    }
}
