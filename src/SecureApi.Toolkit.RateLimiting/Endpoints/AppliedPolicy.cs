namespace SecureApi.Toolkit.RateLimiting.Endpoints;

/// <summary>A policy as applied to one endpoint: the policy and the endpoint's cost for it (0: the policy's own).</summary>
internal readonly record struct AppliedPolicy(RateLimitPolicy Policy, long Cost);
