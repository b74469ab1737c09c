using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Resilience;

/// <summary>
/// The outcome of one request's checks. <see cref="Results"/> has one entry per check; an entry whose
/// <see cref="RateLimitResult.Remaining"/> is negative was not evaluated (unknown), so no header is sent for it.
/// <see cref="LocalFallback"/> marks, per check, those counted by the local fallback store (their leases are released there).
/// </summary>
internal readonly record struct RateLimitDecision(bool Allowed, RateLimitResult[] Results, DecisionSource Source, bool[]? LocalFallback = null)
{
    public static readonly RateLimitResult Unknown = new(true, -1, TimeSpan.Zero, TimeSpan.Zero);
}
