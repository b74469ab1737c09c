using StackExchange.Redis;

namespace SecureApi.Toolkit.Testing.Redis;

/// <summary>
/// xunit fixture: a real standalone <c>redis-server</c> on a free loopback port for the test class or collection,
/// stopped afterwards. Tests may <see cref="RedisProcess.Stop"/> and <see cref="RedisProcess.Start()"/> it.
/// </summary>
public sealed class RedisServerFixture : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _admin;

    /// <summary>Starts the server.</summary>
    public RedisServerFixture()
    {
        Server = RedisProcess.Start();
        _admin = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(ConnectionString + ",allowAdmin=true"));
    }

    /// <summary>Gets the server process.</summary>
    public RedisProcess Server { get; }

    /// <summary>Gets a StackExchange.Redis configuration string for the server.</summary>
    public string ConnectionString => $"{Server.Endpoint},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    /// <summary>Gets an admin connection for assertions (keys, TTLs, FLUSHALL).</summary>
    public ConnectionMultiplexer Admin => _admin.Value;

    /// <summary>Opens a new, independent connection, as a separate app instance would.</summary>
    public ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(ConnectionString);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }

        Server.Dispose();
    }
}
