using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>The typed RFC 9421 §2.3 signature parameters of one <c>Signature-Input</c> member.</summary>
internal readonly record struct SignatureParameters(DateTimeOffset? Created, DateTimeOffset? Expires, string? Nonce, string? Algorithm, string? KeyId, string? Tag)
{
    public static SignatureParameters Read(SfParameters parameters)
    {
        DateTimeOffset? created = null, expires = null;
        string? nonce = null, alg = null, keyId = null, tag = null;
        for (var i = 0; i < parameters.Count; i++)
        {
            var (key, value) = parameters[i];
            switch (key)
            {
                case "created":
                    created = Time(value);
                    break;
                case "expires":
                    expires = Time(value);
                    break;
                case "nonce":
                    nonce = Text(value);
                    break;
                case "alg":
                    alg = Text(value);
                    break;
                case "keyid":
                    keyId = Text(value);
                    break;
                case "tag":
                    tag = Text(value);
                    break;
                default:
                    // Unknown parameters are covered by @signature-params and therefore harmless; keep going.
                    break;
            }
        }

        return new SignatureParameters(created, expires, nonce, alg, keyId, tag);
    }

    /// <summary>The largest <c>created</c>/<c>expires</c> accepted: 9999-12-31T23:59:59Z.</summary>
    internal const long MaxTime = 253_402_300_799;

    private static DateTimeOffset Time(object value) => value is long seconds and >= 0 and <= MaxTime
        ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : throw new HttpSignatureException(HttpSignatureError.Malformed, "created/expires must be a non-negative integer.");

    private static string Text(object value) => value is string { Length: > 0 } s
        ? s
        : throw new HttpSignatureException(HttpSignatureError.Malformed, "nonce, alg, keyid and tag must be non-empty strings.");
}
