using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Tokens;

/// <summary>
/// Client registrations shared by every instance, one Redis hash per client id. A registration is durable data and
/// keeps no TTL: dropping it would silently lock the client out.
/// </summary>
internal sealed class RedisClientStore(RedisConnection connection) : IClientStore
{
    private const string SaveScript = """
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'perms', ARGV[2], 'created', ARGV[3])
        return 1
        """;

    public async ValueTask SaveAsync(ClientRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        RedisValue[] args = [record.SecretHash, string.Join(' ', record.Permissions), record.CreatedAt.ToUnixTimeMilliseconds()];
        await RedisCommands.RunAsync(connection, db => db.ScriptEvaluateAsync(SaveScript, [Key(record.ClientId)], args), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        var entries = await RedisCommands.RunAsync(connection, db => db.HashGetAllAsync(Key(clientId)), cancellationToken).ConfigureAwait(false);
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        return new ClientRecord
        {
            ClientId = clientId,
            SecretHash = fields["hash"],
            Permissions = fields.GetValueOrDefault("perms") is { Length: > 0 } perms ? perms.Split(' ') : [],
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields["created"], System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    public ValueTask<bool> DeleteAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        return RedisCommands.RunAsync(connection, db => db.KeyDeleteAsync(Key(clientId)), cancellationToken);
    }

    private RedisKey Key(string clientId) => connection.Key("client", clientId, "record");
}
