namespace SecureApi.Toolkit.Signals;

/// <summary>The kinds of security-relevant event a package or the app can report about a caller.</summary>
public enum SecuritySignalKind
{
    /// <summary>Credentials (token, API key, password) were presented and rejected.</summary>
    AuthenticationFailed = 1,

    /// <summary>An HTTP message signature was rejected.</summary>
    SignatureRejected = 2,

    /// <summary>A signature nonce or one-time value was replayed.</summary>
    Replay = 3,

    /// <summary>A rate limit refused the request.</summary>
    RateLimitRefused = 4,

    /// <summary>A rate limit is close to refusing (for example 80 % used).</summary>
    RateLimitNearLimit = 5,

    /// <summary>The caller lacked a permission the endpoint requires.</summary>
    PermissionDenied = 6,

    /// <summary>The response was 404 (scanning, enumeration).</summary>
    NotFound = 7,

    /// <summary>The response was 400 (probing with malformed input).</summary>
    BadRequest = 8,

    /// <summary>The response was a server error.</summary>
    ServerError = 9,

    /// <summary>A credential hash or hashing request was refused (hostile stored hash, hashing flood).</summary>
    HashingRejected = 10,

    /// <summary>An application-defined event, weighted by <see cref="SecuritySignal.Weight"/>.</summary>
    Custom = 100,
}
