using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Tokens;

/// <summary>
/// Revoked token ids shared by every instance: one key per <c>jti</c>, expiring at the token's own <c>exp</c>
/// (<c>SET … PXAT</c>), so the set holds live tokens only.
/// </summary>
internal sealed class RedisAccessTokenRevocationStore(RedisConnection connection) : IAccessTokenRevocationStore
{
    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var key = connection.Key("revoked", tokenId, "jti");
        await RedisCommands.RunAsync(
            connection,
            async db =>
            {
                // PXAT takes the token's absolute exp; Redis drops the entry then, by its own clock. A token already
                // expired makes SET fail harmlessly with an expired time, so it is not sent.
                var result = await db.ScriptEvaluateAsync(
                    "if tonumber(ARGV[1]) > tonumber(redis.call('TIME')[1]) * 1000 then redis.call('SET', KEYS[1], '1', 'PXAT', ARGV[1]) end return 1",
                    [key],
                    [expiresAt.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
                return (int)result;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var key = connection.Key("revoked", tokenId, "jti");
        return RedisCommands.RunAsync(connection, db => db.KeyExistsAsync(key), cancellationToken);
    }
}
