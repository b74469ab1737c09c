using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.RateLimiting;
using SecureApi.Toolkit.RateLimiting.Adapters;
using SecureApi.Toolkit.RateLimiting.Resilience;

namespace Microsoft.AspNetCore.RateLimiting;

/// <summary>
/// Lets an app already on ASP.NET Core's <c>AddRateLimiter</c>/<c>UseRateLimiter</c> use SecureApi policies: the same
/// algorithms, partitions, store (Redis across instances) and fail modes, behind <see cref="PartitionedRateLimiter{TResource}"/>.
/// The toolkit's own middleware (<c>UseSecureApi()</c>) adds what ASP.NET Core's cannot: several policies per endpoint,
/// the IETF headers, and the security signals.
/// </summary>
public static class SecureApiRateLimiterOptionsExtensions
{
    /// <summary>
    /// Adds an ASP.NET Core rate-limiter policy named <paramref name="policyName"/> that checks the SecureApi policies
    /// <paramref name="secureApiPolicies"/> (declared with <c>api.AddRateLimiting(...)</c>) all or nothing.
    /// Use it with <c>RequireRateLimiting(policyName)</c>; set <see cref="RateLimiterOptions.RejectionStatusCode"/> to 429.
    /// </summary>
    /// <param name="options">ASP.NET Core's rate-limiter options.</param>
    /// <param name="policyName">The ASP.NET Core policy name.</param>
    /// <param name="secureApiPolicies">The SecureApi policies to check.</param>
    /// <returns>The options, for chaining.</returns>
    public static RateLimiterOptions AddSecureApiPolicy(this RateLimiterOptions options, string policyName, params string[] secureApiPolicies)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        ArgumentNullException.ThrowIfNull(secureApiPolicies);
        return options.AddPolicy(policyName, context => Partition(context, secureApiPolicies));
    }

    /// <summary>
    /// Creates a <see cref="PartitionedRateLimiter{TResource}"/> over the SecureApi policies <paramref name="secureApiPolicies"/>,
    /// for <see cref="RateLimiterOptions.GlobalLimiter"/> or direct use. Services are taken from <c>HttpContext.RequestServices</c>.
    /// </summary>
    /// <param name="secureApiPolicies">The SecureApi policies to check.</param>
    /// <returns>The limiter.</returns>
    public static PartitionedRateLimiter<HttpContext> CreateSecureApiLimiter(params string[] secureApiPolicies)
    {
        ArgumentNullException.ThrowIfNull(secureApiPolicies);
        return PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, secureApiPolicies));
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string[] names)
    {
        var services = context.RequestServices;
        var evaluator = services.GetService<RateLimitEvaluator>()
            ?? throw new InvalidOperationException("SecureApi rate-limiter policies need the rate-limiting services. Call builder.Services.AddSecureApi(api => api.AddRateLimiting(o => ...)).");
        var settings = services.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var policies = new List<RateLimitPolicy>(names.Length);
        var keys = new List<string>(names.Length);
        foreach (var name in names)
        {
            if (!settings.Policies.TryGetValue(name, out var policy))
            {
                throw new InvalidOperationException($"Rate-limit policy \"{name}\" is not declared. Add it with api.AddRateLimiting(o => o.AddPolicy(\"{name}\", ...)).");
            }

            var key = policy.PartitionKey is null ? context.GetApiCaller().Id : policy.PartitionKey(context);
            if (!string.IsNullOrEmpty(key))
            {
                policies.Add(policy);
                keys.Add(key);
            }
        }

        if (policies.Count == 0)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        // The ASP.NET Core partition key must identify every SecureApi partition the limiter counts in.
        var partition = string.Join('\n', names) + "\n\n" + string.Join('\n', keys);
        var time = services.GetRequiredService<TimeProvider>();
        RateLimitPolicy[] policyArray = [.. policies];
        string[] keyArray = [.. keys];
        return RateLimitPartition.Get(partition, _ => new SecureApiRateLimiter(evaluator, policyArray, keyArray, time));
    }
}
