using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Connection;

/// <summary>
/// The one multiplexer every SecureApi Redis store shares. It connects on first use, not at start-up, with
/// <c>AbortOnConnectFail = false</c> and a fail-fast backlog: the app starts while Redis is down, commands fail at once
/// (and each feature applies its fail mode) while it is down, and the multiplexer reconnects by itself when Redis
/// comes back. Only requests arriving during the first connection attempt wait for it, at most
/// <see cref="RedisOptions.ConnectTimeout"/>.
/// </summary>
internal sealed partial class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IAsyncDisposable, IDisposable
{
    private readonly RedisOptions _options = options.Value;
    private readonly Lock _lock = new();
    private Task<IConnectionMultiplexer>? _connecting;
    private bool _ownsMultiplexer;

    public string InstanceName => _options.InstanceName;

    public TimeSpan CommandTimeout => _options.CommandTimeout;

    /// <summary>Gets whether a connection attempt was made (connecting is lazy).</summary>
    public bool IsCreated => Volatile.Read(ref _connecting) is not null;

    public string Key(string feature, string partition, string name) => RedisKeys.Key(_options.InstanceName, feature, partition, name);

    public async ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken = default) =>
        (await GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();

    public async ValueTask<IConnectionMultiplexer> GetMultiplexerAsync(CancellationToken cancellationToken = default)
    {
        var connecting = Volatile.Read(ref _connecting) ?? StartConnecting();
        try
        {
            // Only the first requests wait for the connection, at most ConnectTimeout; once the attempt has
            // finished (connected or not), the multiplexer is returned at once and commands fail fast while down.
            return await connecting.WaitAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new StoreUnavailableException("Redis is still connecting.", ex);
        }
        catch (Exception ex) when (ex is RedisException or InvalidOperationException or ArgumentException)
        {
            // A failed attempt (bad configuration string, factory error) is forgotten so the next call tries again.
            _ = Interlocked.CompareExchange(ref _connecting, null, connecting);
            throw new StoreUnavailableException("Redis could not be reached.", ex);
        }
    }

    private Task<IConnectionMultiplexer> StartConnecting()
    {
        if (!_options.HasConnectionSettings)
        {
            throw new StoreUnavailableException(RedisOptionsValidator.MissingSettings);
        }

        lock (_lock)
        {
            return _connecting ??= ConnectAsync();
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        if (_options.ConnectionMultiplexerFactory is { } factory)
        {
            return await factory().ConfigureAwait(false);
        }

        var configuration = _options.ConfigurationOptions?.Clone() ?? ConfigurationOptions.Parse(_options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = (int)_options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = Math.Max(1, (int)_options.CommandTimeout.TotalMilliseconds);
        configuration.AsyncTimeout = Math.Max(1, (int)_options.CommandTimeout.TotalMilliseconds);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        _ownsMultiplexer = true;
        if (!multiplexer.IsConnected)
        {
            LogNotConnectedYet(logger);
        }

        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        var connecting = Volatile.Read(ref _connecting);
        if (connecting is { IsCompletedSuccessfully: true } && _ownsMultiplexer)
        {
            await connecting.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        var connecting = Volatile.Read(ref _connecting);
        if (connecting is { IsCompletedSuccessfully: true } && _ownsMultiplexer)
        {
            connecting.Result.Dispose();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Redis is not reachable yet; SecureApi keeps retrying in the background and each feature applies its fail mode meanwhile.")]
    private static partial void LogNotConnectedYet(ILogger logger);
}
