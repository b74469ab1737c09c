namespace SecureApi.Toolkit.RateLimiting;

/// <summary>
/// Applies rate-limit policies to a controller, action or endpoint, in addition to the global set. Several
/// attributes (or <c>RequireRateLimit</c> calls) add up; every policy is checked, all or nothing. ASP.NET Core's
/// <c>[DisableRateLimiting]</c> exempts an endpoint, the global set included.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RateLimitAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="policyNames">The names of policies declared in <see cref="RateLimitingOptions"/>.</param>
    public RateLimitAttribute(params string[] policyNames)
    {
        ArgumentNullException.ThrowIfNull(policyNames);
        PolicyNames = policyNames;
    }

    /// <summary>Gets the policy names.</summary>
    public IReadOnlyList<string> PolicyNames { get; }

    /// <summary>Gets or sets the permits a request to this endpoint takes from these policies (0: each policy's own <see cref="RateLimitPolicy.Cost"/>).</summary>
    /// <value>The default is 0.</value>
    public long Cost { get; set; }
}
