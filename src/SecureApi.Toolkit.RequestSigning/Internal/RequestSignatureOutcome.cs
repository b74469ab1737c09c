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

    /// <summary>Gets what failed, for the log, when there is no verification result to tell it.</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// The reason the caller is told. Every failure decided by the key (unknown or out of its validity window, an
    /// algorithm the key does not allow, a signature that does not verify) gets one answer, so a caller cannot learn
    /// which key ids exist; <see cref="Reason"/>, in logs, metrics and signals, keeps the precise one.
    /// </summary>
    public string? PublicReason => Reason is "unknown-key" or "bad-algorithm" ? "signature-invalid" : Reason;

    public static RequestSignatureOutcome Accept(HttpSignatureVerificationResult result) => new(result, 200, null, default, false);

    public static RequestSignatureOutcome Reject(HttpSignatureError error, HttpSignatureVerificationResult? result = null) => new(
        result,
        401,
        error.ToReason(),
        error == HttpSignatureError.Replayed ? SecuritySignalKind.Replay : SecuritySignalKind.SignatureRejected,
        error is HttpSignatureError.Missing or HttpSignatureError.InsufficientCoverage);

    /// <summary>The body of a request could not be taken in: too large for the profile, too slow, or broken.</summary>
    public static RequestSignatureOutcome Body(int statusCode, string reason) =>
        new(null, statusCode, reason, SecuritySignalKind.BadRequest, false);

    public static RequestSignatureOutcome StoreUnavailable(HttpSignatureVerificationResult result) =>
        new(result, 503, RequestSigningDefaults.ReplayCheckUnavailableReason, SecuritySignalKind.SignatureRejected, false);
}
