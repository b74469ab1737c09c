using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Connection;

/// <summary>Runs one store operation and turns every Redis failure into <see cref="StoreUnavailableException"/>.</summary>
internal static class RedisCommands
{
    public static async ValueTask<T> RunAsync<T>(RedisConnection connection, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            // StackExchange.Redis checks AsyncTimeout only on its heartbeat (about once a second), so the command
            // timeout is enforced here too: a slow Redis costs a request at most CommandTimeout.
            return await command(database).WaitAsync(connection.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw new StoreUnavailableException("The Redis store did not answer.", ex);
        }
    }
}
