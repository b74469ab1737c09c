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
        // Write one key per caller, then ask each master which of them it holds: a prefix of this test's own keeps
        // other tests' keys out of the count.
        var prefix = "spread-" + Guid.NewGuid().ToString("N")[..8] + ":";
        var db = cluster.Admin.GetDatabase();
        for (var i = 0; i < 64; i++)
        {
            Assert.True(await db.StringSetAsync(RedisKeys.Key(prefix, "ratelimit", "sub:user-" + i, "gcra"), 1, TimeSpan.FromMinutes(5)));
        }

        var held = new List<int>();
        foreach (var node in cluster.Nodes)
        {
            var server = cluster.Admin.GetServer(node.Endpoint);
            Assert.False(server.IsReplica);
            var count = 0;
            await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
            {
                count++;
            }

            held.Add(count);
        }

        Assert.All(held, count => Assert.True(count > 0, $"A master holds none of the 64 callers' keys: {string.Join(", ", held)}."));
        Assert.Equal(64, held.Sum());
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
