using SecureApi.Toolkit.RateLimiting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Attaches SecureApi rate-limit policies to endpoints. To exempt an endpoint, use ASP.NET Core's own
/// <c>DisableRateLimiting()</c> (or <c>[DisableRateLimiting]</c>): this middleware honours that metadata too, so one call
/// exempts the endpoint from both limiters.
/// </summary>
public static class RateLimitingEndpointConventionBuilderExtensions
{
    /// <summary>Applies the named policies to the endpoints, in addition to the global set.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <param name="policyNames">Policies declared in <see cref="RateLimitingOptions"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireRateLimit<TBuilder>(this TBuilder builder, params string[] policyNames)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policyNames);
        var attribute = new RateLimitAttribute(policyNames);
        builder.Add(endpoint => endpoint.Metadata.Add(attribute));
        return builder;
    }

    /// <summary>Applies the named policy to the endpoints with a cost per request (a weighted endpoint).</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <param name="policyName">A policy declared in <see cref="RateLimitingOptions"/>.</param>
    /// <param name="cost">The permits one request takes; at least 1.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireRateLimit<TBuilder>(this TBuilder builder, string policyName, long cost)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        ArgumentOutOfRangeException.ThrowIfLessThan(cost, 1);
        var attribute = new RateLimitAttribute(policyName) { Cost = cost };
        builder.Add(endpoint => endpoint.Metadata.Add(attribute));
        return builder;
    }
}
