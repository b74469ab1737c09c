using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Tests;

/// <summary>On a real 3-master cluster: one caller's keys share a slot, different callers spread out.</summary>
public class RedisClusterKeysTests(RedisClusterFixture cluster) : IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task Keys_OfOneCaller_LandInOneSlot_AcrossFeatures()
    {
        var server = cluster.Admin.GetServer(cluster.Nodes[0].Endpoint);
        string[] keys =
        [
            RedisKeys.Key("app:", "ratelimit", "sub:alice", "gcra:orders"),
            RedisKeys.Key("app:", "ratelimit", "sub:alice", "window:global"),
            RedisKeys.Key("app:", "anomaly", "sub:alice", "suspension"),
            RedisKeys.Key("app:", "replay", "sub:alice", "nonce-1"),
        ];

        var slots = new HashSet<long>();
        foreach (var key in keys)
        {
            slots.Add((long)await server.ExecuteAsync("CLUSTER", "KEYSLOT", key));
        }

        Assert.Single(slots);
    }

    [Fact]
    public async Task Keys_OfManyCallers_SpreadOverEveryMaster()
    {
        var server = cluster.Admin.GetServer(cluster.Nodes[0].Endpoint);
        var slots = new HashSet<long>();
        for (var i = 0; i < 64; i++)
        {
            slots.Add((long)await server.ExecuteAsync("CLUSTER", "KEYSLOT", RedisKeys.Key("app:", "ratelimit", "sub:user-" + i, "gcra")));
        }

        // 16384 slots split in three ranges; 64 callers hit all three.
        Assert.Contains(slots, s => s < 5461);
        Assert.Contains(slots, s => s is >= 5461 and < 10923);
        Assert.Contains(slots, s => s >= 10923);
    }

    [Fact]
    public async Task ReplayStore_OnCluster_WritesAndDetectsReplays()
    {
        await using var provider = new ServiceCollection().AddLogging()
            .AddSecureApi(api => api.AddRedis(o => { o.Configuration = cluster.ConnectionString; o.InstanceName = "cluster-check:"; o.CommandTimeout = TimeSpan.FromSeconds(5); o.ConnectTimeout = TimeSpan.FromSeconds(20); }))
            .BuildServiceProvider();
        var store = provider.GetRequiredService<IReplayNonceStore>();

        Assert.True(await store.TryRecordAsync("partner-1", "n-1", TimeSpan.FromMinutes(1)));
        Assert.False(await store.TryRecordAsync("partner-1", "n-1", TimeSpan.FromMinutes(1)));
        Assert.True(await cluster.Admin.GetDatabase().KeyExistsAsync((RedisKey)"cluster-check:replay:{partner-1}:n-1"));
    }
}
