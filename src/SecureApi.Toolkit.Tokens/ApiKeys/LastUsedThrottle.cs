using System.Collections.Concurrent;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Lets one request per key and interval write the last-used time. The record's own <c>LastUsedAt</c> already says
/// when a write is due, but every request that reads the record before the write lands (a burst, a slow store, a store
/// that refuses writes) would write too; this instance-wide claim turns those into one write per interval.
/// </summary>
internal sealed class LastUsedThrottle
{
    private readonly ConcurrentDictionary<string, long> _claims = new(StringComparer.Ordinal);

    /// <summary>Whether the caller may write the last-used time of <paramref name="keyId"/> now; claims it if so.</summary>
    public bool TryClaim(string keyId, DateTimeOffset now, TimeSpan interval)
    {
        var ticks = now.UtcTicks;
        while (true)
        {
            if (!_claims.TryGetValue(keyId, out var previous))
            {
                if (_claims.TryAdd(keyId, ticks))
                {
                    return true;
                }

                continue;
            }

            // A clock set back (ticks < previous) must not stop writes for a whole interval's worth of skew.
            if (ticks >= previous && ticks - previous < interval.Ticks)
            {
                return false;
            }

            if (_claims.TryUpdate(keyId, ticks, previous))
            {
                return true;
            }
        }
    }

    /// <summary>Drops the claim of a key that stopped working.</summary>
    public void Forget(string keyId) => _claims.TryRemove(keyId, out _);
}
