namespace SecureApi.Toolkit.Hashing;

/// <summary>The outcome of <see cref="ICredentialHasher.VerifyAsync"/>.</summary>
public enum CredentialVerificationStatus
{
    /// <summary>The secret does not match the stored hash.</summary>
    Failed = 0,

    /// <summary>The secret matches and the stored hash meets the current policy.</summary>
    Success = 1,

    /// <summary>The secret matches; store a new hash (weaker parameters, an older pepper or a legacy format).</summary>
    SuccessRehashNeeded = 2,

    /// <summary>The stored string is not a valid Argon2id (v=19) PHC string; nothing was computed.</summary>
    Malformed = 3,

    /// <summary>The stored string is over a verify-policy ceiling (m, t, p, salt or tag length); nothing was allocated.</summary>
    RejectedByPolicy = 4,

    /// <summary>The memory budget refused the work (queue full or queue timeout); answer 503 or 429 and let the caller retry.</summary>
    Overloaded = 5,

    /// <summary>
    /// The stored string is valid but cannot be verified here: its pepper id is not configured, or the selected engine
    /// cannot compute its parameter set (see <see cref="CredentialVerification.Reason"/>).
    /// </summary>
    Unsupported = 6,
}
