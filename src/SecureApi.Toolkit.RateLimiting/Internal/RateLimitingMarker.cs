namespace SecureApi.Toolkit.RateLimiting.Internal;

/// <summary>Registered by <c>AddRateLimiting()</c> so <c>UseRateLimiting()</c> can tell whether it was called.</summary>
internal sealed class RateLimitingMarker;
