using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Redis;

/// <summary>
/// Checks the options at start-up. Missing connection settings are reported here only when the app asked for a
/// hard start-up failure; otherwise <see cref="Health.RedisStartupCheck"/> logs them and the health check reports them.
/// </summary>
internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    internal const string MissingSettings =
        "AddRedis() has no connection settings. Set RedisOptions.Configuration (for example \"localhost:6379\"), " +
        "RedisOptions.ConfigurationOptions, or RedisOptions.ConnectionMultiplexerFactory to reuse the app's multiplexer.";

    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        List<string>? failures = null;
        if (options.InstanceName is null || options.InstanceName.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            (failures ??= []).Add("RedisOptions.InstanceName must not be null or contain '{' or '}' (they would break Redis Cluster hash tags).");
        }

        if (options.CommandTimeout < TimeSpan.FromMilliseconds(1) || options.CommandTimeout > TimeSpan.FromSeconds(30))
        {
            (failures ??= []).Add($"RedisOptions.CommandTimeout must be between 1 ms and 30 s (was {options.CommandTimeout}); keep it short so a slow Redis cannot hang requests.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            (failures ??= []).Add("RedisOptions.ConnectTimeout must be positive.");
        }

        if (options.FailStartupWhenUnavailable && !options.HasConnectionSettings)
        {
            (failures ??= []).Add(MissingSettings);
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
