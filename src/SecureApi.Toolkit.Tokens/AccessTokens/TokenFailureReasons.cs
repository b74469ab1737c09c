namespace SecureApi.Toolkit.Tokens;

/// <summary>Stable reason codes for rejected credentials, used in metrics, logs and signals (never token contents).</summary>
internal static class TokenFailureReasons
{
    public const string Oversized = "oversized";
    public const string Malformed = "malformed";
    public const string Expired = "expired";
    public const string NotYetValid = "not-yet-valid";
    public const string NoExpiration = "no-expiration";
    public const string LifetimeTooLong = "lifetime-too-long";
    public const string BadSignature = "bad-signature";
    public const string UnknownKey = "unknown-key";
    public const string AlgorithmNotAllowed = "algorithm-not-allowed";
    public const string WrongType = "wrong-type";
    public const string WrongIssuer = "wrong-issuer";
    public const string WrongAudience = "wrong-audience";
    public const string NoSubject = "no-subject";
    public const string Revoked = "revoked";
    public const string RevocationUnavailable = "revocation-unavailable";
    public const string NoTokenId = "no-token-id";
    public const string KeyUnavailable = "key-unavailable";
    public const string UnsupportedCrit = "unsupported-crit";
    public const string InvalidNumericDate = "invalid-numeric-date";
    public const string DuplicateMember = "duplicate-member";

    public const string ApiKeyMalformed = "api-key-malformed";
    public const string ApiKeyChecksum = "api-key-checksum";
    public const string ApiKeyUnknown = "api-key-unknown";
    public const string ApiKeyExpired = "api-key-expired";
    public const string ApiKeyRevoked = "api-key-revoked";
    public const string StoreUnavailable = "store-unavailable";
}
