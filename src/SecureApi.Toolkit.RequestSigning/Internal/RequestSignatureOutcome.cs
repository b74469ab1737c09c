using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>The decision about one request: accepted with a result, or rejected with a status, reason and signal.</summary>
internal readonly record struct RequestSignatureOutcome(
    HttpSignatureVerificationResult? Result,
    int StatusCode,
    string? Reason,
    SecuritySignalKind SignalKind,
    bool HintAcceptSignature)
{
    public bool Accepted => Reason is null;

    public static RequestSignatureOutcome Accept(HttpSignatureVerificationResult result) => new(result, 200, null, default, false);

    public static RequestSignatureOutcome Reject(HttpSignatureError error, HttpSignatureVerificationResult? result = null) => new(
        result,
        401,
        error.ToReason(),
        error == HttpSignatureError.Replayed ? SecuritySignalKind.Replay : SecuritySignalKind.SignatureRejected,
        error is HttpSignatureError.Missing or HttpSignatureError.InsufficientCoverage);

    public static RequestSignatureOutcome StoreUnavailable(HttpSignatureVerificationResult result) =>
        new(result, 503, RequestSigningDefaults.ReplayCheckUnavailableReason, SecuritySignalKind.SignatureRejected, false);
}
