using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Redis.Health;

/// <summary>
/// At start-up: starts connecting in the background (without blocking the host), and says clearly when the
/// settings are missing or Redis is unreachable. It stops the host only when
/// <see cref="RedisOptions.FailStartupWhenUnavailable"/> asks for it.
/// </summary>
internal sealed partial class RedisStartupCheck(RedisConnection connection, IOptions<RedisOptions> options, ILogger<RedisStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.HasConnectionSettings)
        {
            LogMissingSettings(logger, RedisOptionsValidator.MissingSettings);
            return;
        }

        if (!settings.FailStartupWhenUnavailable)
        {
            // Begin connecting now so the first request finds a connection; a failure here is only logged.
            _ = connection.GetMultiplexerAsync(CancellationToken.None).AsTask().ContinueWith(
                t => { if (t.IsFaulted) { LogUnreachable(logger); } },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        try
        {
            var multiplexer = await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false);
            if (!multiplexer.IsConnected)
            {
                throw new InvalidOperationException("Redis is unreachable and RedisOptions.FailStartupWhenUnavailable is true. Start Redis, fix RedisOptions.Configuration, or set FailStartupWhenUnavailable to false to start without it.");
            }
        }
        catch (StoreUnavailableException ex)
        {
            throw new InvalidOperationException("Redis is unreachable and RedisOptions.FailStartupWhenUnavailable is true. Start Redis, fix RedisOptions.Configuration, or set FailStartupWhenUnavailable to false to start without it.", ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Problem} Until then every SecureApi feature that uses Redis applies its fail mode and the 'redis' health check is unhealthy.")]
    private static partial void LogMissingSettings(ILogger logger, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Redis could not be reached at start-up; SecureApi keeps retrying and each feature applies its fail mode meanwhile.")]
    private static partial void LogUnreachable(ILogger logger);
}
