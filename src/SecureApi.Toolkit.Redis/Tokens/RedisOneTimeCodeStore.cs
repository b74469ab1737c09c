using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Tokens;

/// <summary>
/// One-time codes shared by every instance: <c>SET NX PX</c> to add, <c>GETDEL</c> to take. GETDEL is one atomic
/// command, so of two instances taking the same code exactly one receives the payload.
/// </summary>
internal sealed class RedisOneTimeCodeStore(RedisConnection connection) : IOneTimeCodeStore
{
    public ValueTask<bool> TryAddAsync(string purpose, string codeHash, string payload, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var key = connection.Key("otc", codeHash, purpose);
        return RedisCommands.RunAsync(connection, db => db.StringSetAsync(key, payload, lifetime, When.NotExists), cancellationToken);
    }

    public async ValueTask<string?> TryTakeAsync(string purpose, string codeHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        var key = connection.Key("otc", codeHash, purpose);
        var value = await RedisCommands.RunAsync(connection, db => db.StringGetDeleteAsync(key), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : value.ToString();
    }
}
