using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Replay;

/// <summary>
/// Replay nonces shared by every instance: one <c>SET key 1 NX PX lifetime</c>, atomic on the server, so of two
/// instances recording the same nonce exactly one succeeds, and the key expires with the message's validity.
/// </summary>
internal sealed class RedisReplayNonceStore(RedisConnection connection) : IReplayNonceStore
{
    public ValueTask<bool> TryRecordAsync(string scope, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);

        var key = connection.Key("replay", scope, nonce);
        return RedisCommands.RunAsync(connection, db => db.StringSetAsync(key, 1, lifetime, When.NotExists), cancellationToken);
    }
}
