using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis;

/// <summary>
/// How SecureApi connects to Redis. Shaped like <c>RedisCacheOptions</c>: set one of <see cref="Configuration"/>,
/// <see cref="ConfigurationOptions"/> or <see cref="ConnectionMultiplexerFactory"/>.
/// </summary>
public sealed class RedisOptions
{
    /// <summary>Gets or sets the StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Configuration { get; set; }

    /// <summary>Gets or sets the StackExchange.Redis configuration; preferred over <see cref="Configuration"/> when both are set.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// Gets or sets a factory returning the app's own multiplexer, so SecureApi reuses its connection. SecureApi
    /// does not dispose a multiplexer it did not create.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<Task<IConnectionMultiplexer>>? ConnectionMultiplexerFactory { get; set; }

    /// <summary>
    /// Gets or sets the prefix of every key SecureApi writes, so several apps can share one Redis. It must not
    /// contain <c>{</c> or <c>}</c>, which would break the cluster hash tags.
    /// </summary>
    /// <value>The default is <c>secureapi:</c>.</value>
    public string InstanceName { get; set; } = "secureapi:";

    /// <summary>
    /// Gets or sets how long one command may take before the store reports itself unavailable and the feature's
    /// fail mode applies. Kept short so a slow Redis never hangs a request.
    /// </summary>
    /// <value>The default is 250 milliseconds. Valid values are 1 ms to 30 s.</value>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets how long one connection attempt may take.</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets whether the host must refuse to start while Redis is misconfigured or unreachable. When
    /// <see langword="false"/>, the app starts, logs the problem, reports it through the <c>redis</c> health check
    /// and connects as soon as Redis answers.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool FailStartupWhenUnavailable { get; set; }

    /// <summary>
    /// Gets or sets whether an <c>IDistributedCache</c> over the same connection is registered when the app has none.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RegisterDistributedCache { get; set; } = true;

    internal bool HasConnectionSettings =>
        ConnectionMultiplexerFactory is not null || ConfigurationOptions is not null || !string.IsNullOrWhiteSpace(Configuration);
}
