using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Conformance.Fixtures;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Conformance.Anomaly;

public sealed class InMemoryWindowedCounterStoreTests : WindowedCounterStoreConformanceTests
{
    private readonly FakeTimeProvider _time = new();

    protected override ServiceProvider CreateProvider() => StoreProviders.InMemory(_time, api => api.AddAnomalyDetection());

    protected override Task PassAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }
}

[Collection(RedisCollection.Name)]
public sealed class RedisWindowedCounterStoreTests(RedisServerFixture redis) : WindowedCounterStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(redis.ConnectionString, api => api.AddAnomalyDetection());

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterWindowedCounterStoreTests(RedisClusterFixture cluster) : WindowedCounterStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(cluster.ConnectionString, api => api.AddAnomalyDetection());

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}

public sealed class InMemorySuspensionStoreTests : SuspensionStoreConformanceTests
{
    private readonly FakeTimeProvider _time = new();

    protected override ServiceProvider CreateProvider() => StoreProviders.InMemory(_time, api => api.AddAnomalyDetection());

    protected override Task PassAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }
}

[Collection(RedisCollection.Name)]
public sealed class RedisSuspensionStoreTests(RedisServerFixture redis) : SuspensionStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(redis.ConnectionString, api => api.AddAnomalyDetection());

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterSuspensionStoreTests(RedisClusterFixture cluster) : SuspensionStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(cluster.ConnectionString, api => api.AddAnomalyDetection());

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}
