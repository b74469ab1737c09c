using System.Globalization;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.RateLimiting;

/// <summary>
/// The fleet heartbeat: each store (one per app instance) adds its random id to one sorted set scored by the server's
/// time, drops the entries older than <see cref="StaleAfter"/> and reads how many are left. That count is
/// <see cref="LiveInstances"/>, kept while Redis is down, so the local fallback divides a limit by the fleet it last
/// saw. The key is <c>{InstanceName}ratelimit-fleet:{instances}:live</c> (its own feature prefix, so no caller key
/// can name it; one hash tag, so it sits in one cluster slot) and expires when no instance has refreshed it for two
/// stale periods.
/// </summary>
internal sealed partial class RedisRateLimitStore
{
    /// <summary>How often an instance announces itself.</summary>
    internal static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(2);

    /// <summary>An instance silent for three heartbeats is no longer counted.</summary>
    internal static readonly TimeSpan StaleAfter = HeartbeatInterval * 3;

    private const string HeartbeatScript = """
        local now
        if ARGV[1] ~= '' then
          now = tonumber(ARGV[1])
        else
          local t = redis.call('TIME')
          now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local stale = tonumber(ARGV[3])
        redis.call('ZADD', KEYS[1], now, ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - stale))
        redis.call('PEXPIRE', KEYS[1], stale * 2)
        return redis.call('ZCARD', KEYS[1])
        """;

    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private int _liveInstances = 1;

    /// <inheritdoc />
    public int LiveInstances => Volatile.Read(ref _liveInstances);

    private RedisKey FleetKey => connection.Key("ratelimit-fleet", "instances", "live");

    /// <summary>Announces this instance and refreshes <see cref="LiveInstances"/>; on failure the last count stays.</summary>
    internal async Task HeartbeatAsync(CancellationToken cancellationToken = default)
    {
        var now = TestClock is { } clock ? (clock.GetUtcNow().ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture) : string.Empty;
        RedisKey[] keys = [FleetKey];
        RedisValue[] args = [now, _instanceId, (long)StaleAfter.TotalMilliseconds];
        try
        {
            var count = (long)(await RunAsync(db => db.ScriptEvaluateAsync(HeartbeatScript, keys, args), cancellationToken).ConfigureAwait(false));
            Volatile.Write(ref _liveInstances, (int)Math.Clamp(count, 1, int.MaxValue));
        }
        catch (StoreUnavailableException)
        {
            // Redis is down: keep the fleet size seen last, which is what the fallback should divide by.
        }
    }

    /// <summary>Leaves the fleet at shutdown, so the others stop counting this instance at their next heartbeat.</summary>
    internal async Task LeaveAsync()
    {
        try
        {
            await RunAsync(db => db.SortedSetRemoveAsync(FleetKey, _instanceId)).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            // The entry ages out after StaleAfter.
        }
    }
}
