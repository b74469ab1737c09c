namespace SecureApi.Toolkit.Redis.RateLimiting;

/// <summary>
/// The Lua scripts. They mirror <c>SecureApi.Toolkit.RateLimiting.Algorithms.RateLimitMath</c> operation for operation
/// (Lua numbers are doubles, like the C# code), so the in-memory and Redis stores agree; the conformance suite checks it.
/// Time comes from the server's <c>TIME</c>; ARGV[1] overrides it only when the store's internal test clock is set,
/// which no public API can do. Numbers are stored with <c>%.17g</c>: Lua's default formatting keeps 14 digits, too few
/// for a microsecond timestamp.
/// </summary>
internal sealed partial class RedisRateLimitStore
{
    /// <summary>
    /// Sets <c>now</c> (µs) from ARGV[1] when a test passes a time, else from the server's TIME; both scripts start with it.
    /// </summary>
    private const string NowFromArgvOrServer = """
        local now
        if ARGV[1] ~= '' then
          now = tonumber(ARGV[1])
        else
          local t = redis.call('TIME')
          now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        end

        """;

    /// <summary>
    /// KEYS: one per check. ARGV: [1] time override or empty, then 7 per check: algorithm, limit, window (µs), cost,
    /// shadow (0/1), align (0/1), lease id. Returns { all allowed (0/1), then per check: allowed, remaining,
    /// reset (µs), retry-after (µs) }.
    /// </summary>
    internal const string AcquireScript = NowFromArgvOrServer + """
        local EPS = 1e-3
        local function floor_eps(v)
          if v <= 0 then return 0 end
          return math.floor(v + EPS)
        end
        local function fmt(v) return string.format('%.17g', v) end
        local n = #KEYS
        local out = { 1 }
        local pend = {}
        local all = true
        for i = 1, n do
          local base = 1 + (i - 1) * 7
          local alg = ARGV[base + 1]
          local limit = tonumber(ARGV[base + 2])
          local window = tonumber(ARGV[base + 3])
          local cost = tonumber(ARGV[base + 4])
          local shadow = ARGV[base + 5] == '1'
          local align = ARGV[base + 6] == '1'
          local key = KEYS[i]
          local ok, rem, reset, retry
          local p = { alg = alg }
          if alg == 'c' then
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
            local members = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
            local used = 0
            local earliest = nil
            local latest = now
            for j = 1, #members, 2 do
              local member = members[j]
              local expiry = tonumber(members[j + 1])
              used = used + tonumber(string.sub(member, 1, string.find(member, ':', 1, true) - 1))
              if earliest == nil or expiry < earliest then earliest = expiry end
              if expiry > latest then latest = expiry end
            end
            if cost <= limit and used + cost <= limit then
              ok = true
              rem = limit - used - cost
              reset = math.max(latest, now + window) - now
              retry = 0
              p.member = ARGV[base + 4] .. ':' .. ARGV[base + 7]
              p.expiry = now + window
              p.latest = math.max(latest, now + window)
            else
              ok = false
              rem = math.max(0, limit - used)
              reset = latest - now
              if cost > limit or earliest == nil then retry = window else retry = earliest - now end
            end
          else
            local st = redis.call('HMGET', key, 'a', 'b', 'c', 'e')
            local exists = st[4] and tonumber(st[4]) > now
            local a, b, c = 0, 0, 0
            if exists then
              a = tonumber(st[1]); b = tonumber(st[2]); c = tonumber(st[3])
            end
            if alg == 'g' then
              local interval = window / limit
              local tat = now
              if exists and a > now then tat = a end
              local newTat = tat + (interval * cost)
              if cost <= limit and newTat - now <= window + EPS then
                ok = true
                p.a, p.b, p.c, p.e = newTat, 0, 0, newTat
                rem = floor_eps((window - (newTat - now)) / interval)
                reset = newTat - now
                retry = 0
              else
                ok = false
                rem = floor_eps((window - (tat - now)) / interval)
                reset = tat - now
                if cost > limit then retry = window else retry = newTat - window - now end
              end
            elseif alg == 't' then
              local rate = limit / window
              local tokens = limit
              if exists then
                local elapsed = 0
                if now > b then elapsed = now - b end
                tokens = math.min(limit, a + (elapsed * rate))
              end
              if cost <= limit and tokens + EPS >= cost then
                ok = true
                local left = math.max(0, tokens - cost)
                p.a, p.b, p.c, p.e = left, now, 0, now + ((limit - left) / rate)
                rem = floor_eps(left)
                reset = (limit - left) / rate
                retry = 0
              else
                ok = false
                rem = floor_eps(tokens)
                reset = (limit - tokens) / rate
                if cost > limit then retry = window else retry = (cost - tokens) / rate end
              end
            elseif alg == 'f' then
              local start, count
              if exists and now < a + window then
                start = a; count = b
              else
                if align then start = math.floor(now / window) * window else start = now end
                count = 0
              end
              reset = start + window - now
              if count + cost <= limit then
                ok = true
                p.a, p.b, p.c, p.e = start, count + cost, 0, start + window
                rem = limit - count - cost
                retry = 0
              else
                ok = false
                rem = limit - count
                if cost > limit then retry = window else retry = reset end
              end
            else
              local current = math.floor(now / window) * window
              local count, previous = 0, 0
              if exists then
                if a == current then
                  count = b; previous = c
                elseif a == current - window then
                  previous = b
                end
              end
              local elapsed = now - current
              local estimate = (previous * (window - elapsed) / window) + count
              if count > 0 then reset = current + (2 * window) - now elseif previous > 0 then reset = current + window - now else reset = 0 end
              if estimate + cost <= limit + EPS then
                ok = true
                p.a, p.b, p.c, p.e = current, count + cost, previous, current + (2 * window)
                rem = floor_eps(limit - estimate - cost)
                reset = current + (2 * window) - now
                retry = 0
              else
                ok = false
                rem = floor_eps(limit - estimate)
                if cost > limit then
                  retry = window
                elseif count + cost <= limit then
                  retry = current + (window * (1 - ((limit - count - cost) / previous))) - now
                else
                  retry = current + window + (window * (1 - ((limit - cost) / count))) - now
                end
              end
            end
          end
          if not ok and not shadow then all = false end
          p.ok = ok
          p.cost = cost
          p.limit = limit
          pend[i] = p
          out[#out + 1] = ok and 1 or 0
          out[#out + 1] = rem
          out[#out + 1] = math.max(0, math.ceil(reset))
          out[#out + 1] = math.max(0, math.ceil(retry))
        end
        if not all then
          out[1] = 0
          for i = 1, n do
            if pend[i].ok then
              local idx = 1 + (i - 1) * 4 + 2
              out[idx] = math.min(pend[i].limit, out[idx] + pend[i].cost)
            end
          end
          return out
        end
        for i = 1, n do
          local p = pend[i]
          if p.ok then
            if p.alg == 'c' then
              redis.call('ZADD', KEYS[i], fmt(p.expiry), p.member)
              redis.call('PEXPIRE', KEYS[i], math.max(1, math.ceil((p.latest - now) / 1000)))
            else
              redis.call('HSET', KEYS[i], 'a', fmt(p.a), 'b', fmt(p.b), 'c', fmt(p.c), 'e', fmt(p.e))
              redis.call('PEXPIRE', KEYS[i], math.max(1, math.ceil((p.e - now) / 1000)))
            end
          end
        end
        return out
        """;

    /// <summary>
    /// Gives back permits that an earlier script took for a request that a later cluster slot then refused.
    /// KEYS: one per check to refund. ARGV: [1] time override or empty, then 5 per check: algorithm, limit, window (µs),
    /// cost, lease id. Each state moves back by the cost as of now (a token bucket refills first, a window only refunds
    /// if it is still the same window), so a refund never gives more than was taken.
    /// </summary>
    internal const string RefundScript = NowFromArgvOrServer + """
        local function fmt(v) return string.format('%.17g', v) end
        for i = 1, #KEYS do
          local base = 1 + (i - 1) * 5
          local alg = ARGV[base + 1]
          local limit = tonumber(ARGV[base + 2])
          local window = tonumber(ARGV[base + 3])
          local cost = tonumber(ARGV[base + 4])
          local key = KEYS[i]
          if alg == 'c' then
            redis.call('ZREM', key, ARGV[base + 4] .. ':' .. ARGV[base + 5])
          else
            local st = redis.call('HMGET', key, 'a', 'b', 'c', 'e')
            if st[4] and tonumber(st[4]) > now then
              local a, b = tonumber(st[1]), tonumber(st[2])
              if alg == 'g' then
                local tat = a - ((window / limit) * cost)
                if tat <= now then
                  redis.call('DEL', key)
                else
                  redis.call('HSET', key, 'a', fmt(tat), 'e', fmt(tat))
                  redis.call('PEXPIRE', key, math.max(1, math.ceil((tat - now) / 1000)))
                end
              elseif alg == 't' then
                local rate = limit / window
                local elapsed = 0
                if now > b then elapsed = now - b end
                local tokens = math.min(limit, a + (elapsed * rate) + cost)
                if tokens >= limit then
                  redis.call('DEL', key)
                else
                  local e = now + ((limit - tokens) / rate)
                  redis.call('HSET', key, 'a', fmt(tokens), 'b', fmt(now), 'e', fmt(e))
                  redis.call('PEXPIRE', key, math.max(1, math.ceil((e - now) / 1000)))
                end
              elseif alg == 'f' then
                if now < a + window then
                  redis.call('HSET', key, 'b', fmt(math.max(0, b - cost)))
                end
              else
                local current = math.floor(now / window) * window
                if a == current or a == current - window then
                  redis.call('HSET', key, 'b', fmt(math.max(0, b - cost)))
                end
              end
            end
          end
        end
        return 1
        """;

    /// <summary>KEYS[1]: the concurrency set. ARGV[1]: the lease id. Removes the lease whatever cost it was taken with.</summary>
    internal const string ReleaseScript = """
        local members = redis.call('ZRANGE', KEYS[1], 0, -1)
        local suffix = ':' .. ARGV[1]
        for i = 1, #members do
          local m = members[i]
          if string.sub(m, -#suffix) == suffix then
            return redis.call('ZREM', KEYS[1], m)
          end
        end
        return 0
        """;
}
