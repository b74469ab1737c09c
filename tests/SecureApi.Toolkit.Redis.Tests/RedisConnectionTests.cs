using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Tests;

public class RedisConnectionTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private ServiceProvider Provider(Action<RedisOptions>? configure = null, string? prefix = null) =>
        new ServiceCollection().AddLogging().AddSecureApi(api => api.AddRedis(o =>
        {
            o.Configuration = redis.ConnectionString;
            o.InstanceName = prefix ?? "t-" + Guid.NewGuid().ToString("N")[..8] + ":";
            // Generous by default: CI machines can be loaded; the timeout tests set their own tight values.
            o.ConnectTimeout = TimeSpan.FromSeconds(20);
            o.CommandTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(o);
        })).BuildServiceProvider();

    [Fact]
    public async Task Connection_IsLazy_UntilAStoreIsUsed()
    {
        await using var provider = Provider();
        var connection = provider.GetRequiredService<RedisConnection>();
        var store = provider.GetRequiredService<IReplayNonceStore>();

        Assert.False(connection.IsCreated);
        Assert.True(await store.TryRecordAsync("client", "n1", TimeSpan.FromMinutes(1)));
        Assert.True(connection.IsCreated);
    }

    [Fact]
    public async Task ReplayStore_WritesPrefixedTaggedKeyWithTtl()
    {
        await using var provider = Provider(prefix: "ttl-check:");

        await provider.GetRequiredService<IReplayNonceStore>().TryRecordAsync("client-7", "n-42", TimeSpan.FromSeconds(90));

        var db = redis.Admin.GetDatabase();
        var key = (RedisKey)"ttl-check:replay:{client-7}:n-42";
        Assert.True(await db.KeyExistsAsync(key));
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Store_WhenRedisIsPaused_FailsWithinTheCommandTimeout_NeverHangs()
    {
        await using var provider = Provider(o => o.CommandTimeout = TimeSpan.FromMilliseconds(100));
        var store = provider.GetRequiredService<IReplayNonceStore>();

        // Connect before the pause. Only the paused call is under test: a warm-up call that misses the 100 ms on a
        // loaded machine is simply tried again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.TryRecordAsync("c", "warm-up-" + attempt, TimeSpan.FromMinutes(1));
                break;
            }
            catch (StoreUnavailableException) when (attempt < 20)
            {
                // tried again
            }
        }

        // CLIENT PAUSE makes the real server hold the clients' writes: a slow Redis, not a dead one. WRITE, not ALL,
        // so that the CLIENT UNPAUSE below is not held too and no later test meets a paused server.
        var admin = redis.Admin.GetServer(redis.Server.Endpoint);
        await admin.ExecuteAsync("CLIENT", "PAUSE", "5000", "WRITE");
        try
        {
            var started = TimeProvider.System.GetTimestamp();

            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TryRecordAsync("c", "during-pause", TimeSpan.FromMinutes(1)).AsTask());

            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2), "The store waited for the paused Redis instead of failing within its timeout.");
        }
        finally
        {
            await admin.ExecuteAsync("CLIENT", "UNPAUSE");
        }
    }

    [Fact]
    public async Task Store_WhenRedisIsDown_FailsFastWithStoreUnavailable_AndRecoversAfterRestart()
    {
        using var own = RedisProcess.Start();
        await using var provider = new ServiceCollection().AddLogging().AddSecureApi(api => api.AddRedis(o => { o.Configuration = own.Endpoint; o.ConnectTimeout = TimeSpan.FromSeconds(20); o.CommandTimeout = TimeSpan.FromSeconds(5); })).BuildServiceProvider();
        var store = provider.GetRequiredService<IReplayNonceStore>();
        Assert.True(await store.TryRecordAsync("c", "before", TimeSpan.FromMinutes(1)));

        own.Stop();
        var failing = TimeProvider.System.GetTimestamp();
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TryRecordAsync("c", "while-down", TimeSpan.FromMinutes(1)).AsTask());
        Assert.True(TimeProvider.System.GetElapsedTime(failing) < TimeSpan.FromSeconds(2), "The store waited out its 5 s command timeout instead of failing fast while Redis was down.");

        own.Start();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                Assert.True(await store.TryRecordAsync("c", "after", TimeSpan.FromMinutes(1)));
                break;
            }
            catch (StoreUnavailableException) when (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
            {
                await poll.WaitForNextTickAsync();
            }
        }
    }

    [Fact]
    public async Task MultiplexerFactory_ReusesTheAppsConnection_AndDoesNotDisposeIt()
    {
        var appMultiplexer = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var provider = new ServiceCollection().AddLogging().AddSecureApi(api => api.AddRedis(o => o.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(appMultiplexer))).BuildServiceProvider();

        var connection = provider.GetRequiredService<RedisConnection>();
        Assert.Same(appMultiplexer, await connection.GetMultiplexerAsync());
        await provider.DisposeAsync();

        Assert.True(appMultiplexer.IsConnected);
        await appMultiplexer.DisposeAsync();
    }

    [Fact]
    public async Task DistributedCache_IsRegisteredOverTheSameConnection_WithThePrefix()
    {
        await using var provider = Provider(prefix: "cache-check:");
        var connection = provider.GetRequiredService<RedisConnection>();
        var cache = provider.GetRequiredService<IDistributedCache>();
        Assert.False(connection.IsCreated);

        await cache.SetStringAsync("greeting", "hello");

        // Nothing but the cache was used: its first call opened the toolkit's own connection, and its commands go there.
        Assert.True(connection.IsCreated);
        var multiplexer = await connection.GetMultiplexerAsync();
        var operations = multiplexer.OperationCount;
        Assert.Equal("hello", await cache.GetStringAsync("greeting"));
        Assert.True(multiplexer.OperationCount > operations, "The cache's read did not go over the toolkit's connection.");
        Assert.True(await redis.Admin.GetDatabase().KeyExistsAsync("cache-check:cache:greeting"));
    }

    [Fact]
    public async Task DistributedCache_AppsOwnRegistration_IsKept()
    {
        var services = new ServiceCollection().AddLogging().AddDistributedMemoryCache();
        services.AddSecureApi(api => api.AddRedis(o => o.Configuration = redis.ConnectionString));
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache>(provider.GetRequiredService<IDistributedCache>());
    }
}
