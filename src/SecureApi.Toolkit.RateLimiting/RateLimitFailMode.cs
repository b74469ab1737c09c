namespace SecureApi.Toolkit.RateLimiting;

/// <summary>What a policy does while its store cannot answer (down, slower than the command timeout, or its circuit open).</summary>
public enum RateLimitFailMode
{
    /// <summary>
    /// Count locally: an in-memory limiter per instance with <see cref="RateLimitPolicy.LocalFallbackShare"/> of the
    /// policy's limit, so a fleet of N instances with share 1/N stays close to the global limit. The default.
    /// </summary>
    LocalFallback = 0,

    /// <summary>Allow every request while the store is unavailable (availability over protection).</summary>
    Open = 1,

    /// <summary>Refuse every request while the store is unavailable (protection over availability).</summary>
    Closed = 2,
}
