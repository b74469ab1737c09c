using SecureApi.Toolkit;

namespace SecureApi.Sample.Features;

/// <summary>
/// Shared state on Redis when a connection string is configured; otherwise every store stays in memory
/// (the embedded default, right for a single instance).
/// </summary>
internal static class RedisSample
{
    /// <summary>The environment variable the quick start documents.</summary>
    public const string EnvironmentVariable = "SECUREAPI_REDIS";

    /// <summary>The configuration section bound to <c>RedisOptions</c>, for example <c>SecureApi:Redis:CommandTimeout</c>.</summary>
    public const string OptionsSection = "SecureApi:Redis";

    /// <summary>
    /// Gets the Redis connection string (StackExchange.Redis syntax) from <c>ConnectionStrings:Redis</c>, else from
    /// <c>SECUREAPI_REDIS</c>, or <see langword="null"/> when neither is set.
    /// </summary>
    public static string? ConnectionString(IConfiguration config) =>
        config.GetConnectionString("Redis") is { Length: > 0 } configured ? configured
        : config[EnvironmentVariable] is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    public static void AddRedis(SecureApiBuilder api, IConfiguration config)
    {
        if (ConnectionString(config) is { } connectionString)
        {
            // Lazy connection: the sample starts and serves while Redis is down; /health reports "redis" unhealthy.
            // The section SecureApi:Redis tunes the rest (InstanceName, CommandTimeout, ConnectTimeout, ...).
            api.AddRedis(o =>
            {
                o.Configuration = connectionString;
                o.InstanceName = "secureapi-sample:";
                config.GetSection(OptionsSection).Bind(o);
            });
        }
    }
}
