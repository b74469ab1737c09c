using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Conformance.Fixtures;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Conformance.Replay;

public sealed class InMemoryReplayNonceStoreTests : ReplayNonceStoreConformanceTests
{
    private readonly FakeTimeProvider _time = new();

    protected override ServiceProvider CreateProvider() =>
        StoreProviders.InMemory(_time, api => api.TryAddDefaultStore<IReplayNonceStore, InMemoryReplayNonceStore>());

    protected override Task PassAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }
}

[Collection(RedisCollection.Name)]
public sealed class RedisReplayNonceStoreTests(RedisServerFixture redis) : ReplayNonceStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() =>
        StoreProviders.Redis(redis.ConnectionString, api => api.TryAddDefaultStore<IReplayNonceStore, InMemoryReplayNonceStore>());

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterReplayNonceStoreTests(RedisClusterFixture cluster) : ReplayNonceStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() =>
        StoreProviders.Redis(cluster.ConnectionString, api => api.TryAddDefaultStore<IReplayNonceStore, InMemoryReplayNonceStore>());

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}
