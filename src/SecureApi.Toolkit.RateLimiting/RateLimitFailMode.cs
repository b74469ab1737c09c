namespace SecureApi.Toolkit.RateLimiting;

/// <summary>What a policy does while its store cannot answer (down, slower than the command timeout, or its circuit open).</summary>
public enum RateLimitFailMode
{
    /// <summary>
    /// Count locally: an in-memory limiter per instance with <see cref="RateLimitPolicy.LocalFallbackShare"/> of the
    /// policy's limit (by default 1 / the live instances the store last reported), charged with the permits the store
    /// granted this instance, so the fleet together stays within the limit. The default.
    /// </summary>
    LocalFallback = 0,

    /// <summary>Allow every request while the store is unavailable (availability over protection).</summary>
    Open = 1,

    /// <summary>Refuse every request while the store is unavailable (protection over availability).</summary>
    Closed = 2,
}
