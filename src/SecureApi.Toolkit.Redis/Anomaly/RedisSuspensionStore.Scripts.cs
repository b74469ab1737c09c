namespace SecureApi.Toolkit.Redis.Anomaly;

/// <summary>The suspension store's Lua scripts. KEYS[1] is the suspension hash, KEYS[2] the offence counter, one slot.</summary>
internal sealed partial class RedisSuspensionStore
{
    // ARGV: reason, base ms, multiplier, max ms, jitter factor, offence memory ms, replace (0/1).
    // Returns {created, reason, suspendedAt ms, expiresAt ms, offence, remaining ms}.
    private const string SuspendScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        if ARGV[7] == '0' then
          local e = redis.call('HMGET', KEYS[1], 'reason', 'at', 'exp', 'offence')
          if e[1] then
            return {0, e[1], tonumber(e[2]), tonumber(e[3]), tonumber(e[4]), redis.call('PTTL', KEYS[1])}
          end
        end
        local offence = tonumber(redis.call('GET', KEYS[2]) or '0') + 1
        local ms = tonumber(ARGV[2]) * (tonumber(ARGV[3]) ^ (offence - 1)) * tonumber(ARGV[5])
        ms = math.floor(math.min(math.max(ms, 1), tonumber(ARGV[4])))
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'reason', ARGV[1], 'at', string.format('%d', now), 'exp', string.format('%d', now + ms), 'offence', offence)
        redis.call('PEXPIRE', KEYS[1], ms)
        redis.call('SET', KEYS[2], offence, 'PX', ms + math.floor(tonumber(ARGV[6])))
        return {1, ARGV[1], now, now + ms, offence, ms}
        """;

    // Returns {reason, suspendedAt ms, expiresAt ms, offence, remaining ms} or nil.
    private const string GetScript = """
        local e = redis.call('HMGET', KEYS[1], 'reason', 'at', 'exp', 'offence')
        if not e[1] then return nil end
        return {e[1], tonumber(e[2]), tonumber(e[3]), tonumber(e[4]), redis.call('PTTL', KEYS[1])}
        """;

    // ARGV: forget offences (0/1). Returns 1 when a suspension was in force.
    private const string LiftScript = """
        local existed = redis.call('DEL', KEYS[1])
        if ARGV[1] == '1' then redis.call('DEL', KEYS[2]) end
        return existed
        """;

    // KEYS[1]: the index (score = expiry ms). Drops expired members by Redis time and returns the rest.
    private const string ActiveIndexScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        return redis.call('ZRANGE', KEYS[1], 0, -1)
        """;

    // KEYS[1]: the index. ARGV: caller id, expiry ms, remaining ms. The index lives as long as its longest member.
    private const string IndexAddScript = """
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
        end
        return 1
        """;
}
