using System.Net;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly;

/// <summary>
/// One thing the anomaly package saw about a caller: a security signal, or (for burst detection) a plain request.
/// A struct handed from the request to the background processor without allocating. It holds reason codes, paths
/// and resource ids only, never a credential.
/// </summary>
/// <param name="CallerId">The caller's id as resolved when the event was reported.</param>
/// <param name="CallerKind">How the caller was identified.</param>
/// <param name="RemoteAddress">The caller's address after trusted-proxy processing, when known (for allow-listed networks).</param>
/// <param name="Signal">The signal's kind, or <see langword="null"/> for a plain request counted for burst detection.</param>
/// <param name="Reason">The signal's stable reason code, when given.</param>
/// <param name="Weight">The signal's weight.</param>
/// <param name="ResourceId">The resource the caller touched (for 404s, the request path), when known.</param>
/// <param name="StatusCode">The response status, for observed responses; 0 for signals reported during the request.</param>
/// <param name="Elapsed">How long the request took, for observed responses.</param>
/// <param name="Timestamp">When it happened, by the injected <see cref="TimeProvider"/>.</param>
public readonly record struct AnomalyObservation(
    string CallerId,
    ApiCallerKind CallerKind,
    IPAddress? RemoteAddress,
    SecuritySignalKind? Signal,
    string? Reason,
    int Weight,
    string? ResourceId,
    int StatusCode,
    TimeSpan Elapsed,
    DateTimeOffset Timestamp);
