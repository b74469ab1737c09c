using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Conformance.Fixtures;
using SecureApi.Toolkit.Redis.RateLimiting;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Conformance.RateLimiting;

public sealed class InMemoryRateLimitStoreTests : RateLimitStoreConformanceTests
{
    private readonly FakeTimeProvider _time = VirtualClock.Create();

    protected override ServiceProvider CreateProvider() => StoreProviders.InMemory(_time, api => api.AddRateLimiting());

    protected override void Advance(TimeSpan by) => _time.Advance(by);

    protected override void AlignTo(TimeSpan window) => VirtualClock.AlignTo(_time, window);
}

[Collection(RedisCollection.Name)]
public sealed class RedisRateLimitStoreTests(RedisServerFixture redis) : RateLimitStoreConformanceTests
{
    private readonly FakeTimeProvider _time = VirtualClock.Create();

    protected override ServiceProvider CreateProvider() => VirtualClock.Attach(StoreProviders.Redis(redis.ConnectionString, api => api.AddRateLimiting()), _time);

    protected override void Advance(TimeSpan by) => _time.Advance(by);

    protected override void AlignTo(TimeSpan window) => VirtualClock.AlignTo(_time, window);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterRateLimitStoreTests(RedisClusterFixture cluster) : RateLimitStoreConformanceTests
{
    private readonly FakeTimeProvider _time = VirtualClock.Create();

    protected override ServiceProvider CreateProvider() => VirtualClock.Attach(StoreProviders.Redis(cluster.ConnectionString, api => api.AddRateLimiting()), _time);

    protected override void Advance(TimeSpan by) => _time.Advance(by);

    protected override void AlignTo(TimeSpan window) => VirtualClock.AlignTo(_time, window);
}

/// <summary>
/// Virtual time for the rate-limit cases: memory reads the FakeTimeProvider; the Redis scripts read it through the
/// store's internal test clock instead of <c>TIME</c>, so both run the very same cases without waiting.
/// </summary>
internal static class VirtualClock
{
    public static FakeTimeProvider Create() => new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero));

    public static ServiceProvider Attach(ServiceProvider provider, FakeTimeProvider time)
    {
        ((RedisRateLimitStore)provider.GetRequiredService<IRateLimitStore>()).TestClock = time;
        return provider;
    }

    public static void AlignTo(FakeTimeProvider time, TimeSpan window)
    {
        var now = time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        time.Advance(TimeSpan.FromTicks(window.Ticks - (now % window.Ticks)));
    }
}
