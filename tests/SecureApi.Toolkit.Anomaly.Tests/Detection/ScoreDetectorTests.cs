using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Stores;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests.Detection;

public class ScoreDetectorTests
{
    private static ScoreDetector Create(FakeTimeProvider time) =>
        new(new ScoreDetectorOptions("score") { Threshold = 10, Window = TimeSpan.FromMinutes(5) }, new InMemoryWindowedCounterStore(time));

    [Fact]
    public async Task ObserveAsync_WeightedScoreBelowThreshold_DetectsNothing()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);

        // 5 (critical) + 4 (permission denied) = 9 < 10.
        Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default));
        Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.PermissionDenied), default));
    }

    [Fact]
    public async Task ObserveAsync_ScoreReachesThreshold_DetectsWithTheScore()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.PermissionDenied), default);

        var detection = await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.RateLimitNearLimit), default);

        Assert.NotNull(detection);
        Assert.Equal(10, detection.Count);
    }

    [Fact]
    public async Task ObserveAsync_SignalWeight_MultipliesKindWeight()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);

        // Custom weighs 1 per unit; a business event of weight 10 alone reaches the threshold.
        var detection = await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.Custom, weight: 10), default);

        Assert.NotNull(detection);
        Assert.Null(await Create(time).ObserveAsync(Observations.Signal(time, SecuritySignalKind.Custom, weight: 0), default));
    }

    [Fact]
    public async Task ObserveAsync_ScoreOutsideWindow_Expires()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default));
    }
}
