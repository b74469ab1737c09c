namespace SecureApi.Toolkit.RateLimiting;

/// <summary>Exempts a controller, action or endpoint from every rate-limit policy, the global set included.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class DisableRateLimitingAttribute : Attribute;
