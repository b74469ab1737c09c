using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Redis;
using SecureApi.Toolkit.Redis.Anomaly;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Redis.Health;
using SecureApi.Toolkit.Redis.RateLimiting;
using SecureApi.Toolkit.Redis.Replay;
using SecureApi.Toolkit.Redis.Tokens;
using SecureApi.Toolkit.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Moves every SecureApi store to Redis.</summary>
public static class RedisSecureApiBuilderExtensions
{
    /// <summary>
    /// Replaces every SecureApi store with its Redis twin, whether the features are added before or after this
    /// call, so all instances of the API share limits, nonces, suspensions and codes. Registers the <c>redis</c>
    /// health check and, unless the app has one, an <see cref="IDistributedCache"/> over the same connection.
    /// Safe to call more than once; the last <paramref name="configure"/> wins per setting.
    /// </summary>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Sets the connection, for example <c>o =&gt; o.Configuration = "localhost:6379"</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddRedis(this SecureApiBuilder api, Action<RedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(configure);

        var services = api.Services;
        services.AddOptions<RedisOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>());
        services.TryAddSingleton<RedisConnection>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisStartupCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisRateLimitHeartbeat>());

        services.AddHealthChecks();
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            if (!o.Registrations.Any(r => r.Name == "redis"))
            {
                o.Registrations.Add(new HealthCheckRegistration("redis", sp => ActivatorUtilities.CreateInstance<RedisHealthCheck>(sp), HealthStatus.Unhealthy, ["secureapi", "redis"]));
            }
        });

        // The flag is read from this call's settings: the registration has to be decided before the container is built.
        var settings = new RedisOptions();
        configure(settings);
        if (settings.RegisterDistributedCache)
        {
            services.TryAddSingleton<IDistributedCache>(sp =>
            {
                var connection = sp.GetRequiredService<RedisConnection>();
                return new RedisCache(Options.Options.Create(new RedisCacheOptions
                {
                    ConnectionMultiplexerFactory = async () => await connection.GetMultiplexerAsync().ConfigureAwait(false),
                    InstanceName = sp.GetRequiredService<IOptions<RedisOptions>>().Value.InstanceName + "cache:",
                }));
            });
        }

        api.UseStore<IReplayNonceStore, RedisReplayNonceStore>();
        api.UseStore<IRateLimitStore, RedisRateLimitStore>();
        api.UseStore<IWindowedCounterStore, RedisWindowedCounterStore>();
        api.UseStore<ISuspensionStore, RedisSuspensionStore>();
        api.UseStore<IAccessTokenRevocationStore, RedisAccessTokenRevocationStore>();
        api.UseStore<IApiKeyStore, RedisApiKeyStore>();
        api.UseStore<IOneTimeCodeStore, RedisOneTimeCodeStore>();
        api.UseStore<IClientStore, RedisClientStore>();
        return api;
    }
}
