using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Conformance.Fixtures;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Conformance.RateLimiting;

/// <summary>What only the Redis store has to prove: one round trip, TTLs, hash tags, script reloading, and server time.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRateLimitStoreRedisTests(RedisServerFixture redis)
{
    private readonly string _prefix = "rl-" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Acquire_AnyNumberOfPolicies_ExactlyOneRoundTripPerRequest(int policies)
    {
        await using var provider = Provider();
        var store = provider.GetRequiredService<IRateLimitStore>();
        var checks = Enumerable.Range(0, policies)
            .Select(i => new RateLimitCheck(new RateLimitRule("p" + i, (RateLimitAlgorithm)(i % 4), 1000, TimeSpan.FromMinutes(1)), "sub:alice"))
            .ToArray();
        var results = new RateLimitResult[policies];
        await store.AcquireAsync(checks, results); // loads the script (EVAL after NOSCRIPT, at most once)

        var before = await CommandStats();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(await store.AcquireAsync(checks, results));
        }

        var after = await CommandStats();
        Assert.Equal(20, Delta(before, after, "evalsha"));
        Assert.Equal(0, Delta(before, after, "eval"));

        // Commandstats also counts the commands a script runs inside the server: exactly the script's own. The policies
        // here (GCRA, token bucket, fixed window) each read their hash, write it and set its TTL; TIME is read once.
        string[] insideScript = ["evalsha", "time", "hmget", "hset", "pexpire"];
        Assert.Equal(20, Delta(before, after, "time"));
        Assert.Equal(20 * policies, Delta(before, after, "hmget"));
        Assert.Equal(20 * policies, Delta(before, after, "hset"));
        Assert.Equal(20 * policies, Delta(before, after, "pexpire"));

        // Anything else is connection upkeep that long-lived connections may send at any moment (keep-alive PING,
        // configuration checks, INFO itself): it never touches a key and does not come once per request. So no
        // per-policy command travelled on its own, and no other round trip came with each request.
        foreach (var command in after.Keys.Where(c => !insideScript.Contains(c) && Delta(before, after, c) != 0))
        {
            Assert.True(Delta(before, after, command) < 20, $"'{command}' was sent with every request.");
            Assert.False(await TakesKeysAsync(command), $"'{command}' touched data outside the script.");
        }
    }

    [Fact]
    public async Task Acquire_EveryKeyHasTtl_AndOneHashTagPerCaller()
    {
        await using var provider = Provider();
        var store = provider.GetRequiredService<IRateLimitStore>();
        var checks = new[]
        {
            new RateLimitCheck(new RateLimitRule("gcra", RateLimitAlgorithm.Gcra, 10, TimeSpan.FromSeconds(60)), "sub:bob"),
            new RateLimitCheck(new RateLimitRule("bucket", RateLimitAlgorithm.TokenBucket, 10, TimeSpan.FromSeconds(60)), "sub:bob"),
            new RateLimitCheck(new RateLimitRule("fixed", RateLimitAlgorithm.FixedWindow, 10, TimeSpan.FromSeconds(60)), "sub:bob"),
            new RateLimitCheck(new RateLimitRule("sliding", RateLimitAlgorithm.SlidingWindow, 10, TimeSpan.FromSeconds(60)), "sub:bob"),
            new RateLimitCheck(new RateLimitRule("leases", RateLimitAlgorithm.Concurrency, 10, TimeSpan.FromSeconds(60)), "sub:bob", LeaseId: "lease-1"),
        };
        Assert.True(await store.AcquireAsync(checks, new RateLimitResult[checks.Length]));

        var server = redis.Admin.GetServer(redis.Server.Endpoint);
        var keys = server.Keys(pattern: _prefix + "*").Select(k => k.ToString()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[] { "bucket", "fixed", "gcra", "leases", "sliding" }.Select(n => _prefix + "ratelimit:{sub:bob}:" + n),
            keys);
        foreach (var key in keys)
        {
            var ttl = await redis.Admin.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(120));
        }
    }

    [Fact]
    public async Task Acquire_AfterScriptFlush_ReloadsWithEvalAndCarriesOn()
    {
        await using var provider = Provider();
        var store = provider.GetRequiredService<IRateLimitStore>();
        var rule = new RateLimitRule("flush", RateLimitAlgorithm.FixedWindow, 2, TimeSpan.FromMinutes(1));
        var checks = new[] { new RateLimitCheck(rule, "sub:carol") };
        var results = new RateLimitResult[1];
        Assert.True(await store.AcquireAsync(checks, results));

        await redis.Admin.GetServer(redis.Server.Endpoint).ScriptFlushAsync();
        var before = await CommandStats();
        Assert.True(await store.AcquireAsync(checks, results));
        Assert.Equal(0, results[0].Remaining);
        var after = await CommandStats();

        Assert.Equal(1, Delta(before, after, "evalsha")); // answered NOSCRIPT
        Assert.Equal(1, Delta(before, after, "eval"));    // ran and cached the script again
        Assert.False(await store.AcquireAsync(checks, results));
    }

    [Fact]
    public async Task Acquire_WithoutTestClock_UsesServerTime()
    {
        await using var provider = Provider();
        var store = provider.GetRequiredService<IRateLimitStore>();
        var rule = new RateLimitRule("server-time", RateLimitAlgorithm.FixedWindow, 1, TimeSpan.FromHours(1));
        var checks = new[] { new RateLimitCheck(rule, "sub:dave") };
        var results = new RateLimitResult[1];
        Assert.True(await store.AcquireAsync(checks, results));

        // The window start stored is the server's TIME in microseconds, within a minute of this machine's clock.
        var start = double.Parse((string)(await redis.Admin.GetDatabase().HashGetAsync(_prefix + "ratelimit:{sub:dave}:server-time", "a"))!, CultureInfo.InvariantCulture);
        var serverTime = (await redis.Admin.GetServer(redis.Server.Endpoint).TimeAsync()).Ticks - DateTime.UnixEpoch.Ticks;
        Assert.InRange(serverTime / 10.0 - start, 0, 60_000_000);
        Assert.False(await store.AcquireAsync(checks, results));
    }

    [Theory]
    [InlineData(RateLimitAlgorithm.Gcra)]
    [InlineData(RateLimitAlgorithm.TokenBucket)]
    [InlineData(RateLimitAlgorithm.FixedWindow)]
    [InlineData(RateLimitAlgorithm.SlidingWindow)]
    public async Task Acquire_FourInstancesSixtyFourCallersEach_AdmitExactlyTheLimit(RateLimitAlgorithm algorithm)
    {
        const int Limit = 100;
        const int Instances = 4;
        const int Callers = 64;
        const int AttemptsPerCaller = 2;

        // Four app instances: four service providers, four independent multiplexers, one Redis, one key prefix.
        var providers = Enumerable.Range(0, Instances).Select(_ => Provider()).ToArray();
        try
        {
            var stores = providers.Select(p => p.GetRequiredService<IRateLimitStore>()).ToArray();
            // A day-long window: the (real-time) refill during the test is far below one permit.
            var rule = new RateLimitRule("exact-" + algorithm, algorithm, Limit, TimeSpan.FromDays(1));
            foreach (var store in stores)
            {
                // Connect and load the script on every instance first, on another partition.
                await store.AcquireAsync(new[] { new RateLimitCheck(rule, "warm-up") }, new RateLimitResult[1]);
            }

            var admitted = 0;
            // Every caller is queued before any starts, so the instances really contend for the last permits.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tasks = new List<Task>();
            for (var instance = 0; instance < Instances; instance++)
            {
                var store = stores[instance];
                for (var caller = 0; caller < Callers; caller++)
                {
                    tasks.Add(Task.Run(async () =>
                    {
                        await start.Task;
                        var checks = new[] { new RateLimitCheck(rule, "sub:shared") };
                        var results = new RateLimitResult[1];
                        for (var attempt = 0; attempt < AttemptsPerCaller; attempt++)
                        {
                            if (await store.AcquireAsync(checks, results))
                            {
                                Interlocked.Increment(ref admitted);
                            }
                        }
                    }));
                }
            }

            start.SetResult();
            await Task.WhenAll(tasks);
            Assert.Equal(Limit, admitted);
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }
        }
    }

    private ServiceProvider Provider()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api => api.AddRateLimiting().AddRedis(o =>
        {
            o.Configuration = redis.ConnectionString;
            o.InstanceName = _prefix;
            o.CommandTimeout = TimeSpan.FromSeconds(5);
            o.ConnectTimeout = TimeSpan.FromSeconds(20);
            o.RegisterDistributedCache = false;
        }));
        return services.BuildServiceProvider();
    }

    private async Task<Dictionary<string, long>> CommandStats()
    {
        var info = await redis.Admin.GetServer(redis.Server.Endpoint).InfoAsync("commandstats");
        var stats = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in info.SelectMany(g => g))
        {
            // cmdstat_evalsha: calls=12,usec=...
            var name = pair.Key.Replace("cmdstat_", string.Empty, StringComparison.Ordinal);
            var calls = pair.Value.Split(',')[0].Split('=')[1];
            stats[name] = long.Parse(calls, CultureInfo.InvariantCulture);
        }

        return stats;
    }

    /// <summary>Whether <paramref name="command"/> (a commandstats name, e.g. <c>client|setname</c>) takes keys, per <c>COMMAND INFO</c>.</summary>
    private async Task<bool> TakesKeysAsync(string command)
    {
        var info = (RedisResult[])(await redis.Admin.GetServer(redis.Server.Endpoint).ExecuteAsync("COMMAND", "INFO", command))!;
        if (info.Length != 1 || info[0].IsNull)
        {
            return true; // unknown to the server: assume the worst
        }

        // [name, arity, flags, first key, last key, step, ...]
        var entry = (RedisResult[])info[0]!;
        var flags = ((RedisResult[])entry[2]!).Select(f => (string?)f);
        return (long)entry[3] > 0 || flags.Contains("movablekeys");
    }

    private static long Delta(Dictionary<string, long> before, Dictionary<string, long> after, string command)
        => after.GetValueOrDefault(command) - before.GetValueOrDefault(command);
}
