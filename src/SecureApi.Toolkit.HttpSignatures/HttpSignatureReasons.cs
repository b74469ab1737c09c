namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>The stable reason codes for <see cref="HttpSignatureError"/>, used in problem+json, logs, metrics and signals.</summary>
public static class HttpSignatureReasons
{
    /// <summary>Gets the stable reason code of <paramref name="error"/>.</summary>
    /// <param name="error">The error.</param>
    /// <returns>A constant string such as <c>"unknown-key"</c>.</returns>
    public static string ToReason(this HttpSignatureError error) => error switch
    {
        HttpSignatureError.Missing => "signature-missing",
        HttpSignatureError.Malformed => "signature-malformed",
        HttpSignatureError.UnknownKey => "unknown-key",
        HttpSignatureError.AlgorithmNotAllowed => "bad-algorithm",
        HttpSignatureError.Expired => "signature-expired",
        HttpSignatureError.TooOld => "signature-too-old",
        HttpSignatureError.FromFuture => "signature-from-future",
        HttpSignatureError.DigestMismatch => "digest-mismatch",
        HttpSignatureError.Replayed => "signature-replayed",
        HttpSignatureError.InvalidSignature => "signature-invalid",
        HttpSignatureError.InsufficientCoverage => "insufficient-coverage",
        HttpSignatureError.ComponentMissing => "component-missing",
        HttpSignatureError.InvalidComponent => "invalid-component",
        HttpSignatureError.Unavailable => "verification-unavailable",
        _ => "signature-rejected",
    };
}
