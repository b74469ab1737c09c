using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Tests.Suspensions;

public class SuspensionCacheTests
{
    private static Suspension Make(TimeProvider time, string id, TimeSpan duration) => new(id, "t", time.GetUtcNow(), time.GetUtcNow() + duration, 1);

    [Fact]
    public void Apply_UsesRemainingByThisInstancesClock()
    {
        var time = new FakeTimeProvider(Units.Start);
        var cache = new SuspensionCache(time);

        // The store's clock is an hour behind; only the remaining time matters.
        var skewed = new Suspension("c", "t", Units.Start - TimeSpan.FromHours(1), Units.Start - TimeSpan.FromMinutes(59), 1);
        cache.Apply(new SuspensionChange("c", skewed, TimeSpan.FromMinutes(1)));

        Assert.True(cache.TryGet("c", out _, out var remaining));
        Assert.Equal(TimeSpan.FromMinutes(1), remaining);
    }

    [Fact]
    public void Apply_Lift_RemovesAndEmptiesTheCache()
    {
        var time = new FakeTimeProvider(Units.Start);
        var cache = new SuspensionCache(time);
        cache.Apply(new SuspensionChange("c", Make(time, "c", TimeSpan.FromMinutes(1)), TimeSpan.FromMinutes(1)));

        cache.Apply(new SuspensionChange("c", null, TimeSpan.Zero));

        Assert.False(cache.TryGet("c", out _, out _));
        Assert.True(cache.IsEmpty);
    }

    [Fact]
    public void Sweep_DropsExpired_SoTheGateFastPathReturns()
    {
        var time = new FakeTimeProvider(Units.Start);
        var cache = new SuspensionCache(time);
        cache.Apply(new SuspensionChange("c", Make(time, "c", TimeSpan.FromMinutes(1)), TimeSpan.FromMinutes(1)));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.IsEmpty);

        cache.Sweep();

        Assert.True(cache.IsEmpty);
    }

    [Fact]
    public void Load_KeepsChangesNewerThanTheLoadAndDropsStaleOnes()
    {
        var time = new FakeTimeProvider(Units.Start);
        var cache = new SuspensionCache(time);
        cache.Apply(new SuspensionChange("stale", Make(time, "stale", TimeSpan.FromMinutes(5)), TimeSpan.FromMinutes(5)));
        time.Advance(TimeSpan.FromSeconds(1));
        var loadStarted = time.GetUtcNow();
        cache.Apply(new SuspensionChange("newer", Make(time, "newer", TimeSpan.FromMinutes(5)), TimeSpan.FromMinutes(5)));

        cache.Load([new SuspensionChange("listed", Make(time, "listed", TimeSpan.FromMinutes(5)), TimeSpan.FromMinutes(5))], loadStarted);

        Assert.False(cache.TryGet("stale", out _, out _));
        Assert.True(cache.TryGet("newer", out _, out _));
        Assert.True(cache.TryGet("listed", out _, out _));
    }
}
