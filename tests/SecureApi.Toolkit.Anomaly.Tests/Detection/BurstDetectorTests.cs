using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Stores;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests.Detection;

public class BurstDetectorTests
{
    private static BurstDetector Create(FakeTimeProvider time) =>
        new(new BurstDetectorOptions("burst") { Slice = TimeSpan.FromSeconds(1), RequestsPerSlice = 5, Bursts = 2, Window = TimeSpan.FromMinutes(1) }, new InMemoryWindowedCounterStore(time));

    private static async Task<AnomalyDetection?> SendAsync(BurstDetector detector, FakeTimeProvider time, int requests)
    {
        AnomalyDetection? last = null;
        for (var i = 0; i < requests; i++)
        {
            last = await detector.ObserveAsync(Observations.Request(time), default) ?? last;
        }

        return last;
    }

    [Fact]
    public async Task ObserveAsync_SlicesAtTheLimit_AreNoBurst()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);

        for (var slice = 0; slice < 5; slice++)
        {
            Assert.Null(await SendAsync(detector, time, 5));
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task ObserveAsync_OneBurstBelowBursts_DetectsNothing()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);

        // One long burst counts once, however many requests it holds.
        Assert.Null(await SendAsync(detector, time, 50));
    }

    [Fact]
    public async Task ObserveAsync_BurstsReachedWithinWindow_Detects()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);
        Assert.Null(await SendAsync(detector, time, 6));
        time.Advance(TimeSpan.FromSeconds(10));

        var detection = await SendAsync(detector, time, 6);

        Assert.NotNull(detection);
        Assert.Equal(2, detection.Count);
        Assert.Equal(2, detection.Threshold);
    }

    [Fact]
    public async Task ObserveAsync_BurstsFurtherApartThanWindow_DetectNothing()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);
        await SendAsync(detector, time, 6);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await SendAsync(detector, time, 6));
    }

    [Fact]
    public async Task ObserveAsync_Signals_AreNotRequests()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);

        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.NotFound), default));
        }
    }
}
