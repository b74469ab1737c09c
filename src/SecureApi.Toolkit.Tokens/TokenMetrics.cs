using System.Diagnostics.Metrics;

namespace SecureApi.Toolkit.Tokens;

/// <summary>Counters of the tokens package. Tags are scheme names and reason codes only: never caller ids or token contents.</summary>
internal sealed class TokenMetrics
{
    public const string MeterName = "SecureApi.Toolkit.Tokens";

    private readonly Counter<long> _failures;
    private readonly Counter<long> _successes;
    private readonly Counter<long> _issued;
    private readonly Counter<long> _endpointRejections;

    public TokenMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _failures = meter.CreateCounter<long>("secureapi.tokens.authentication.failures", "{request}", "Credentials presented and refused, by scheme and reason.");
        _successes = meter.CreateCounter<long>("secureapi.tokens.authentication.successes", "{request}", "Credentials presented and accepted, by scheme.");
        _issued = meter.CreateCounter<long>("secureapi.tokens.issued", "{token}", "Access tokens issued.");
        _endpointRejections = meter.CreateCounter<long>("secureapi.tokens.endpoint.rejections", "{request}", "Token and activation endpoint requests refused, by OAuth error code.");
    }

    public void AuthenticationFailed(string scheme, string reason)
    {
        if (_failures.Enabled)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("scheme", scheme), new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void AuthenticationSucceeded(string scheme)
    {
        if (_successes.Enabled)
        {
            _successes.Add(1, new KeyValuePair<string, object?>("scheme", scheme));
        }
    }

    public void TokenIssued() => _issued.Add(1);

    public void EndpointRejected(string endpoint, string error)
    {
        if (_endpointRejections.Enabled)
        {
            _endpointRejections.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("error", error));
        }
    }
}
