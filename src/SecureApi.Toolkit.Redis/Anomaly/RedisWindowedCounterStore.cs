using System.Globalization;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Anomaly;

/// <summary>
/// Windowed counters shared by every instance: <c>INCRBY</c> then <c>PEXPIRE</c> when the key has no expiry yet (the
/// window opens with its first increment), and <c>SADD</c>/<c>SCARD</c> with the same expiry rule for distinct
/// counts; each in one script, so the increment and the TTL are atomic. Expiry is by the Redis server's clock.
/// </summary>
internal sealed class RedisWindowedCounterStore(RedisConnection connection) : IWindowedCounterStore
{
    /// <summary>The most members a distinct set holds, far above any sensible threshold; past it the count stops growing.</summary>
    internal const int MaxMembers = 10_000;

    private const string IncrementScript = """
        local value = redis.call('INCRBY', KEYS[1], ARGV[1])
        if redis.call('PTTL', KEYS[1]) < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return value
        """;

    private const string DistinctScript = """
        if redis.call('SCARD', KEYS[1]) < tonumber(ARGV[3]) then
          redis.call('SADD', KEYS[1], ARGV[1])
        end
        if redis.call('PTTL', KEYS[1]) < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return redis.call('SCARD', KEYS[1])
        """;

    public ValueTask<long> IncrementAsync(string key, long amount, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(amount, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);

        RedisKey[] keys = [connection.Key("counter", key, "n")];
        RedisValue[] args = [amount, Milliseconds(window)];
        return RedisCommands.RunAsync(connection, async db => (long)await db.ScriptEvaluateAsync(IncrementScript, keys, args).ConfigureAwait(false), cancellationToken);
    }

    public ValueTask<long> AddDistinctAsync(string key, string member, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);

        RedisKey[] keys = [connection.Key("distinct", key, "s")];
        RedisValue[] args = [member, Milliseconds(window), MaxMembers.ToString(CultureInfo.InvariantCulture)];
        return RedisCommands.RunAsync(connection, async db => (long)await db.ScriptEvaluateAsync(DistinctScript, keys, args).ConfigureAwait(false), cancellationToken);
    }

    private static long Milliseconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalMilliseconds));
}
