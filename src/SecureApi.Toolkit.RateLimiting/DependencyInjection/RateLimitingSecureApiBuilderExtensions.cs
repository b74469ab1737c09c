using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Pipeline;
using SecureApi.Toolkit.RateLimiting;
using SecureApi.Toolkit.RateLimiting.Endpoints;
using SecureApi.Toolkit.RateLimiting.Internal;
using SecureApi.Toolkit.RateLimiting.Resilience;
using SecureApi.Toolkit.RateLimiting.Storage;
using SecureApi.Toolkit.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SecureApi rate limiting.</summary>
public static class RateLimitingSecureApiBuilderExtensions
{
    /// <summary>
    /// Adds rate limiting: the policies configured by <paramref name="configure"/>, the in-memory store (unless a store
    /// such as Redis is registered), and the middleware at <see cref="SecureApiPipelineStage.RateLimiting"/>.
    /// Safe to call more than once; every <paramref name="configure"/> applies.
    /// </summary>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Declares policies and settings.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddRateLimiting(this SecureApiBuilder api, Action<RateLimitingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var services = api.Services;
        var options = services.AddOptions<RateLimitingOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<RateLimitingMetrics>();
        services.TryAddSingleton<EndpointPolicyResolver>();
        services.TryAddSingleton<RateLimitEvaluator>();
        services.TryAddSingleton<RateLimitingMarker>();
        api.TryAddDefaultStore<IRateLimitStore, InMemoryRateLimitStore>();
        api.AddPipelinePart(SecureApiPipelineStage.RateLimiting, "RateLimiting", app => app.UseRateLimiting());
        return api;
    }
}
