using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.RateLimiting.Endpoints;

/// <summary>
/// Resolves, once per endpoint, the policies that apply (global set plus endpoint metadata, in that order, each name
/// once) and the endpoint's cost per policy. Unknown names fail loudly on first use of the endpoint.
/// </summary>
internal sealed class EndpointPolicyResolver(IOptions<RateLimitingOptions> options)
{
    private readonly ConcurrentDictionary<Endpoint, AppliedPolicy[]> _cache = new();
    private AppliedPolicy[]? _global;

    public AppliedPolicy[] Resolve(Endpoint? endpoint)
    {
        if (endpoint is null)
        {
            return _global ??= Build(null);
        }

        return _cache.GetOrAdd(endpoint, Build);
    }

    private AppliedPolicy[] Build(Endpoint? endpoint)
    {
        var settings = options.Value;
        if (endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute>() is not null)
        {
            return [];
        }

        var applied = new List<AppliedPolicy>();
        foreach (var name in settings.GlobalPolicies)
        {
            Add(applied, settings, name, 0, endpoint);
        }

        if (endpoint is not null)
        {
            foreach (var attribute in endpoint.Metadata.GetOrderedMetadata<RateLimitAttribute>())
            {
                foreach (var name in attribute.PolicyNames)
                {
                    Add(applied, settings, name, attribute.Cost, endpoint);
                }
            }
        }

        return [.. applied];
    }

    private static void Add(List<AppliedPolicy> applied, RateLimitingOptions settings, string name, long cost, Endpoint? endpoint)
    {
        if (!settings.Policies.TryGetValue(name, out var policy))
        {
            throw new InvalidOperationException(
                $"Endpoint '{endpoint?.DisplayName}' requires rate-limit policy \"{name}\", which is not declared. Add it with api.AddRateLimiting(o => o.AddPolicy(\"{name}\", ...)).");
        }

        var index = applied.FindIndex(p => ReferenceEquals(p.Policy, policy));
        if (index >= 0)
        {
            // The endpoint named a policy of the global set again: its cost wins.
            if (cost > 0)
            {
                applied[index] = applied[index] with { Cost = cost };
            }

            return;
        }

        applied.Add(new AppliedPolicy(policy, cost));
    }
}
