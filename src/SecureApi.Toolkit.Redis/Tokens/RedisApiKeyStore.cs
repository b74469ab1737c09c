using System.Globalization;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Tokens;

/// <summary>
/// API key records shared by every instance, one Redis hash per key id (hash-tagged by the key id). Every change is a
/// single-key Lua script, so create-if-absent, revoke-once and newest-last-use-wins are atomic. A record expires
/// 30 days after its key does; a key created without expiry is durable data and keeps no TTL, because dropping the
/// record would silently revoke the key.
/// </summary>
internal sealed class RedisApiKeyStore(RedisConnection connection) : IApiKeyStore
{
    private static readonly TimeSpan RetainAfterExpiry = TimeSpan.FromDays(30);

    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'name', ARGV[2], 'client', ARGV[3], 'perms', ARGV[4], 'created', ARGV[5], 'expires', ARGV[6])
        if ARGV[7] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[7]) end
        return 1
        """;

    private const string RevokeScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSETNX', KEYS[1], 'revoked', ARGV[1])
        return 1
        """;

    private const string UseScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local current = redis.call('HGET', KEYS[1], 'used')
        if (not current) or tonumber(current) < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'used', ARGV[1]) end
        return 1
        """;

    public async ValueTask<bool> CreateAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = Key(record.KeyId);
        RedisValue[] args =
        [
            record.Hash,
            record.Name ?? string.Empty,
            record.ClientId ?? string.Empty,
            string.Join(' ', record.Permissions),
            record.CreatedAt.ToUnixTimeMilliseconds(),
            record.ExpiresAt is { } e ? e.ToUnixTimeMilliseconds() : string.Empty,
            record.ExpiresAt is { } x ? (x + RetainAfterExpiry).ToUnixTimeMilliseconds() : string.Empty,
        ];
        var result = await RedisCommands.RunAsync(connection, db => db.ScriptEvaluateAsync(CreateScript, [key], args), cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async ValueTask<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var entries = await RedisCommands.RunAsync(connection, db => db.HashGetAllAsync(Key(keyId)), cancellationToken).ConfigureAwait(false);
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        return new ApiKeyRecord
        {
            KeyId = keyId,
            Hash = fields["hash"],
            Name = NullIfEmpty(fields.GetValueOrDefault("name")),
            ClientId = NullIfEmpty(fields.GetValueOrDefault("client")),
            Permissions = fields.GetValueOrDefault("perms") is { Length: > 0 } perms ? perms.Split(' ') : [],
            CreatedAt = Time(fields.GetValueOrDefault("created")) ?? default,
            ExpiresAt = Time(fields.GetValueOrDefault("expires")),
            LastUsedAt = Time(fields.GetValueOrDefault("used")),
            RevokedAt = Time(fields.GetValueOrDefault("revoked")),
        };
    }

    public async ValueTask<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var result = await RedisCommands.RunAsync(connection, db => db.ScriptEvaluateAsync(RevokeScript, [Key(keyId)], [revokedAt.ToUnixTimeMilliseconds()]), cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async ValueTask RecordUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        await RedisCommands.RunAsync(connection, db => db.ScriptEvaluateAsync(UseScript, [Key(keyId)], [usedAt.ToUnixTimeMilliseconds()]), cancellationToken).ConfigureAwait(false);
    }

    private RedisKey Key(string keyId) => connection.Key("apikey", keyId, "record");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTimeOffset? Time(string? value)
        => string.IsNullOrEmpty(value) ? null : DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(value, CultureInfo.InvariantCulture));
}
