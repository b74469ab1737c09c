using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Redis.RateLimiting;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Redis.Tests;

/// <summary>The fleet heartbeat on a real redis-server: each store counts the instances that announce themselves.</summary>
public sealed class RedisRateLimitHeartbeatTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Heartbeat_TwoStoresThenOneGoesSilent_CountTwoThenOne()
    {
        var prefix = $"hb-{Guid.NewGuid():N}:";
        await using var first = Connection(prefix);
        await using var second = Connection(prefix);
        var a = new RedisRateLimitStore(first) { TestClock = _time };
        var b = new RedisRateLimitStore(second) { TestClock = _time };
        IRateLimitStore storeA = a, storeB = b;
        Assert.Equal(1, storeA.LiveInstances); // nothing known yet: one instance, itself

        await a.HeartbeatAsync();
        await b.HeartbeatAsync();
        await a.HeartbeatAsync();
        Assert.Equal(2, storeA.LiveInstances);
        Assert.Equal(2, storeB.LiveInstances);

        // b stops heartbeating (a crash: no goodbye). Within the stale period it still counts; past it, not.
        _time.Advance(RedisRateLimitStore.StaleAfter);
        await a.HeartbeatAsync();
        Assert.Equal(2, storeA.LiveInstances);
        _time.Advance(RedisRateLimitStore.HeartbeatInterval);
        await a.HeartbeatAsync();
        Assert.Equal(1, storeA.LiveInstances);

        // The key carries the prefix, one hash tag, and a TTL.
        var key = prefix + "ratelimit-fleet:{instances}:live";
        var ttl = await redis.Admin.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), RedisRateLimitStore.StaleAfter * 2);
    }

    [Fact]
    public async Task Heartbeat_RedisDown_KeepsTheLastKnownCount()
    {
        using var server = RedisProcess.Start();
        var prefix = $"hb-{Guid.NewGuid():N}:";
        await using var first = Connection(prefix, server.Endpoint);
        await using var second = Connection(prefix, server.Endpoint);
        var a = new RedisRateLimitStore(first) { TestClock = _time };
        var b = new RedisRateLimitStore(second) { TestClock = _time };
        await a.HeartbeatAsync();
        await b.HeartbeatAsync();
        await a.HeartbeatAsync();
        Assert.Equal(2, ((IRateLimitStore)a).LiveInstances);

        server.Stop();
        await a.HeartbeatAsync();
        Assert.Equal(2, ((IRateLimitStore)a).LiveInstances);
    }

    [Fact]
    public async Task Leave_OnShutdown_OthersStopCountingAtOnce()
    {
        var prefix = $"hb-{Guid.NewGuid():N}:";
        await using var first = Connection(prefix);
        await using var second = Connection(prefix);
        var a = new RedisRateLimitStore(first) { TestClock = _time };
        var b = new RedisRateLimitStore(second) { TestClock = _time };
        await a.HeartbeatAsync();
        await b.HeartbeatAsync();
        await b.LeaveAsync();
        await a.HeartbeatAsync();
        Assert.Equal(1, ((IRateLimitStore)a).LiveInstances);
    }

    private RedisConnection Connection(string prefix, string? endpoint = null) => new(
        Options.Create(new RedisOptions { Configuration = (endpoint ?? redis.Server.Endpoint) + ",abortConnect=false", InstanceName = prefix, CommandTimeout = TimeSpan.FromSeconds(5) }),
        NullLogger<RedisConnection>.Instance);
}
