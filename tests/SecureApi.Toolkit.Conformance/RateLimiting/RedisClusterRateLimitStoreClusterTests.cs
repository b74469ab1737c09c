using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Conformance.Fixtures;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Conformance.RateLimiting;

/// <summary>On a real 3-master cluster: one caller's policies run in one script; policies on other partitions still work.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterRateLimitStoreClusterTests(RedisClusterFixture cluster)
{
    private readonly string _prefix = "rlc-" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Fact]
    public async Task Acquire_ThreePoliciesOfOneCaller_AllOrNothingInOneSlot()
    {
        await using var provider = Provider();
        var store = provider.GetRequiredService<IRateLimitStore>();
        var checks = new[]
        {
            new RateLimitCheck(new RateLimitRule("a", RateLimitAlgorithm.Gcra, 100, TimeSpan.FromMinutes(1)), "sub:erin"),
            new RateLimitCheck(new RateLimitRule("b", RateLimitAlgorithm.SlidingWindow, 100, TimeSpan.FromMinutes(1)), "sub:erin"),
            new RateLimitCheck(new RateLimitRule("c", RateLimitAlgorithm.FixedWindow, 1, TimeSpan.FromMinutes(1)), "sub:erin"),
        };
        var results = new RateLimitResult[3];

        Assert.True(await store.AcquireAsync(checks, results));
        Assert.False(await store.AcquireAsync(checks, results));
        Assert.Equal(99, results[0].Remaining);
        Assert.Equal(99, results[1].Remaining);
    }

    [Fact]
    public async Task Acquire_PartitionsInDifferentSlots_EachCounted()
    {
        await using var provider = Provider();
        var store = provider.GetRequiredService<IRateLimitStore>();
        var perCaller = new RateLimitRule("caller", RateLimitAlgorithm.FixedWindow, 10, TimeSpan.FromMinutes(1));
        var perTenant = new RateLimitRule("tenant", RateLimitAlgorithm.FixedWindow, 3, TimeSpan.FromMinutes(1));
        var results = new RateLimitResult[2];

        // Different callers of one tenant: the tenant key lives in another slot than each caller key used here, so
        // every request spans two slots.
        var tenantSlot = cluster.Admin.HashSlot("{tenant:acme}");
        Assert.All(new[] { "sub:user-0", "sub:user-1", "sub:user-2", "sub:user-9" }, caller => Assert.NotEqual(tenantSlot, cluster.Admin.HashSlot("{" + caller + "}")));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await store.AcquireAsync(new[] { new RateLimitCheck(perCaller, "sub:user-" + i), new RateLimitCheck(perTenant, "tenant:acme") }, results));
            Assert.Equal(9, results[0].Remaining);
            Assert.Equal(2 - i, results[1].Remaining);
        }

        Assert.False(await store.AcquireAsync(new[] { new RateLimitCheck(perCaller, "sub:user-9"), new RateLimitCheck(perTenant, "tenant:acme") }, results));
        Assert.False(results[1].Allowed);
    }

    [Fact]
    public async Task Acquire_LaterSlotRefuses_PermitsOfEarlierSlotsGivenBack()
    {
        await using var provider = Provider();
        var store = provider.GetRequiredService<IRateLimitStore>();
        RateLimitRule[] perCaller =
        [
            new("caller-gcra", RateLimitAlgorithm.Gcra, 10, TimeSpan.FromMinutes(1)),
            new("caller-tokens", RateLimitAlgorithm.TokenBucket, 10, TimeSpan.FromMinutes(1)),
            new("caller-sliding", RateLimitAlgorithm.SlidingWindow, 10, TimeSpan.FromMinutes(1)),
            new("caller-fixed", RateLimitAlgorithm.FixedWindow, 10, TimeSpan.FromMinutes(1)),
        ];
        var perTenant = new RateLimitRule("tenant", RateLimitAlgorithm.FixedWindow, 1, TimeSpan.FromMinutes(1));
        RateLimitCheck[] Request(string caller, bool withTenant) =>
            [.. perCaller.Select(rule => new RateLimitCheck(rule, caller)), .. withTenant ? new[] { new RateLimitCheck(perTenant, "tenant:acme") } : []];

        var results = new RateLimitResult[perCaller.Length + 1];
        Assert.True(await store.AcquireAsync(Request("sub:first", withTenant: true), results));

        // Scripts run in slot order: a caller whose slot comes before the tenant's takes its permits first, then the
        // tenant's slot refuses the request, so those permits must be given back.
        var tenantSlot = cluster.Admin.HashSlot("{tenant:acme}");
        var earlier = Enumerable.Range(0, 400).Select(i => "sub:user-" + i).Where(u => cluster.Admin.HashSlot("{" + u + "}") < tenantSlot).Take(3).ToList();
        Assert.NotEmpty(earlier);
        foreach (var caller in earlier)
        {
            Assert.False(await store.AcquireAsync(Request(caller, withTenant: true), results));
            Assert.False(results[^1].Allowed);
            Assert.All(results[..^1], r => Assert.Equal(10, r.Remaining)); // reported as nothing taken

            var alone = new RateLimitResult[perCaller.Length];
            Assert.True(await store.AcquireAsync(Request(caller, withTenant: false), alone));
            Assert.All(alone, r => Assert.Equal(9, r.Remaining)); // and nothing stayed taken
        }
    }

    private ServiceProvider Provider()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api => api.AddRateLimiting().AddRedis(o =>
        {
            o.Configuration = cluster.ConnectionString;
            o.InstanceName = _prefix;
            o.CommandTimeout = TimeSpan.FromSeconds(5);
            o.ConnectTimeout = TimeSpan.FromSeconds(20);
            o.RegisterDistributedCache = false;
        }));
        return services.BuildServiceProvider();
    }
}
