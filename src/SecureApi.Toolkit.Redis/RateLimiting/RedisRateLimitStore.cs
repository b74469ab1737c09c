using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.RateLimiting;

/// <summary>
/// Rate limits shared by every instance: one <c>EVALSHA</c> per request decides all its policies atomically on the
/// server (falling back to <c>EVAL</c>, which also caches the script, when the server answers <c>NOSCRIPT</c>, for
/// example after a restart). Keys are <c>{InstanceName}ratelimit:{partition}:{policy}</c>: the partition is the hash
/// tag, so one caller's keys share a Redis Cluster slot; every key gets a TTL at the moment its state would be
/// equivalent to a fresh partition. In a cluster, checks whose partitions hash to different slots (a per-caller and a
/// per-tenant policy, say) cannot run in one script; they run as one script per slot, in order, and when a later slot
/// refuses, the permits the earlier slots took are given back by one more script per slot. Between the two scripts
/// other requests see those permits taken (they may be refused a moment early, never admitted over the limit), and
/// if the refund itself cannot reach Redis the permits stay taken until their window frees them.
/// </summary>
internal sealed partial class RedisRateLimitStore(RedisConnection connection) : IRateLimitStore
{
    private const string Feature = "ratelimit";
    private static readonly byte[] AcquireHash = Sha1(AcquireScript);
    private static readonly byte[] ReleaseHash = Sha1(ReleaseScript);
    private static readonly byte[] RefundHash = Sha1(RefundScript);

    /// <summary>
    /// Tests only: when set, scripts use this clock instead of the server's <c>TIME</c>, so the conformance suite can run
    /// the same virtual-time cases as for memory. Internal, so no application can move a limit's clock.
    /// </summary>
    internal TimeProvider? TestClock { get; set; }

    public async ValueTask<bool> AcquireAsync(ReadOnlyMemory<RateLimitCheck> checks, Memory<RateLimitResult> results, CancellationToken cancellationToken = default)
    {
        if (results.Length < checks.Length)
        {
            throw new ArgumentException("The results buffer must hold one result per check.", nameof(results));
        }

        if (checks.Length == 0)
        {
            return true;
        }

        var keys = new RedisKey[checks.Length];
        for (var i = 0; i < checks.Length; i++)
        {
            var check = checks.Span[i];
            check.ThrowIfInvalid();
            keys[i] = connection.Key(Feature, check.PartitionKey, check.Rule.Name);
        }

        var multiplexer = await RunAsync(_ => connection.GetMultiplexerAsync(cancellationToken).AsTask()).ConfigureAwait(false);
        if (!SpansSlots(multiplexer, keys))
        {
            return await AcquireGroupAsync(checks, results, keys, 0, checks.Length, cancellationToken).ConfigureAwait(false);
        }

        // A cluster and several slots: one script per slot, in order (see the type's remarks).
        var order = Enumerable.Range(0, checks.Length).OrderBy(i => multiplexer.HashSlot(keys[i])).ToArray();
        var sortedChecks = order.Select(i => checks.Span[i]).ToArray();
        var sortedKeys = order.Select(i => keys[i]).ToArray();
        var sortedResults = new RateLimitResult[checks.Length];
        var allowed = true;
        var start = 0;
        var taken = new List<(int Start, int End)>();
        while (start < order.Length)
        {
            var slot = multiplexer.HashSlot(sortedKeys[start]);
            var end = start + 1;
            while (end < order.Length && multiplexer.HashSlot(sortedKeys[end]) == slot)
            {
                end++;
            }

            if (allowed)
            {
                allowed = await AcquireGroupAsync(sortedChecks, sortedResults, sortedKeys, start, end - start, cancellationToken).ConfigureAwait(false);
                if (allowed)
                {
                    taken.Add((start, end));
                }
            }
            else
            {
                for (var i = start; i < end; i++)
                {
                    sortedResults[i] = new RateLimitResult(true, -1, TimeSpan.Zero, TimeSpan.Zero);
                }
            }

            start = end;
        }

        if (!allowed)
        {
            // All or nothing across slots too: give back what the earlier slots took.
            foreach (var (groupStart, groupEnd) in taken)
            {
                try
                {
                    await RefundGroupAsync(sortedChecks, sortedResults, sortedKeys, groupStart, groupEnd).ConfigureAwait(false);
                }
                catch (StoreUnavailableException)
                {
                    // The refusal stands; throwing would hand the request to the fail mode, which might admit it.
                    // Those permits stay taken until their window frees them (limit reached early, never exceeded).
                }
            }
        }

        for (var i = 0; i < order.Length; i++)
        {
            results.Span[order[i]] = sortedResults[i];
        }

        return allowed;
    }

    public async ValueTask ReleaseAsync(RateLimitRule rule, string partitionKey, string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        RedisKey[] keys = [connection.Key(Feature, partitionKey, rule.Name)];
        RedisValue[] args = [leaseId];
        await RunAsync(db => EvaluateAsync(db, ReleaseHash, ReleaseScript, keys, args)).ConfigureAwait(false);
    }

    private static bool SpansSlots(IConnectionMultiplexer multiplexer, RedisKey[] keys)
    {
        if (keys.Length < 2)
        {
            return false;
        }

        var first = multiplexer.HashSlot(keys[0]);
        for (var i = 1; i < keys.Length; i++)
        {
            if (multiplexer.HashSlot(keys[i]) != first)
            {
                // Only a cluster cares: a standalone server runs any keys in one script.
                return multiplexer.GetServers().Any(s => s.ServerType == ServerType.Cluster);
            }
        }

        return false;
    }

    private async ValueTask<bool> AcquireGroupAsync(ReadOnlyMemory<RateLimitCheck> checks, Memory<RateLimitResult> results, RedisKey[] keys, int start, int count, CancellationToken cancellationToken)
    {
        var groupKeys = start == 0 && count == keys.Length ? keys : keys[start..(start + count)];
        var args = new RedisValue[1 + (count * 7)];
        args[0] = TestClock is { } clock
            ? ((clock.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10.0).ToString("R", CultureInfo.InvariantCulture)
            : RedisValue.EmptyString;
        for (var i = 0; i < count; i++)
        {
            var check = checks.Span[start + i];
            var b = 1 + (i * 7);
            args[b] = Code(check.Rule.Algorithm);
            args[b + 1] = check.Rule.Limit;
            args[b + 2] = check.Rule.Window.Ticks / 10;
            args[b + 3] = check.Cost;
            args[b + 4] = check.Shadow ? 1 : 0;
            args[b + 5] = check.Rule.AlignWindow ? 1 : 0;
            args[b + 6] = check.LeaseId ?? string.Empty;
        }

        var reply = (RedisResult[])(await RunAsync(db => EvaluateAsync(db, AcquireHash, AcquireScript, groupKeys, args), cancellationToken).ConfigureAwait(false))!;
        var span = results.Span;
        for (var i = 0; i < count; i++)
        {
            var o = 1 + (i * 4);
            span[start + i] = new RateLimitResult(
                (long)reply[o] == 1,
                (long)reply[o + 1],
                TimeSpan.FromTicks((long)reply[o + 2] * 10),
                TimeSpan.FromTicks((long)reply[o + 3] * 10));
        }

        return (long)reply[0] == 1;
    }

    /// <summary>Refunds the checks of one slot that took permits, and reports them as the memory store does: nothing taken.</summary>
    private async Task RefundGroupAsync(RateLimitCheck[] checks, RateLimitResult[] results, RedisKey[] keys, int start, int end)
    {
        var refundKeys = new List<RedisKey>();
        var args = new List<RedisValue>
        {
            TestClock is { } clock
                ? ((clock.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10.0).ToString("R", CultureInfo.InvariantCulture)
                : RedisValue.EmptyString,
        };
        for (var i = start; i < end; i++)
        {
            if (!results[i].Allowed)
            {
                continue; // a refusing shadow check took nothing
            }

            var check = checks[i];
            refundKeys.Add(keys[i]);
            args.Add(Code(check.Rule.Algorithm));
            args.Add(check.Rule.Limit);
            args.Add(check.Rule.Window.Ticks / 10);
            args.Add(check.Cost);
            args.Add(check.LeaseId ?? string.Empty);
        }

        if (refundKeys.Count == 0)
        {
            return;
        }

        // Not cancellable: a refund abandoned half-way would leave permits taken for a request that was refused.
        RedisKey[] keyArray = [.. refundKeys];
        RedisValue[] argArray = [.. args];
        await RunAsync(db => EvaluateAsync(db, RefundHash, RefundScript, keyArray, argArray)).ConfigureAwait(false);
        for (var i = start; i < end; i++)
        {
            if (results[i].Allowed)
            {
                results[i] = results[i] with { Remaining = Math.Min(checks[i].Rule.Limit, results[i].Remaining + checks[i].Cost) };
            }
        }
    }

    private static async Task<RedisResult> EvaluateAsync(IDatabase db, byte[] hash, string script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await db.ScriptEvaluateAsync(hash, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // The server lost its script cache (restart, SCRIPT FLUSH, failover): EVAL runs and caches it again.
            return await db.ScriptEvaluateAsync(script, keys, args).ConfigureAwait(false);
        }
    }

    private ValueTask<T> RunAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken = default)
        => RedisCommands.RunAsync(connection, command, cancellationToken);

    private static string Code(RateLimitAlgorithm algorithm) => algorithm switch
    {
        RateLimitAlgorithm.Gcra => "g",
        RateLimitAlgorithm.TokenBucket => "t",
        RateLimitAlgorithm.FixedWindow => "f",
        RateLimitAlgorithm.SlidingWindow => "s",
        RateLimitAlgorithm.Concurrency => "c",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

#pragma warning disable CA5350 // Redis names scripts by their SHA-1; this is an identifier, not a security use.
    private static byte[] Sha1(string script) => SHA1.HashData(Encoding.UTF8.GetBytes(script));
#pragma warning restore CA5350
}
