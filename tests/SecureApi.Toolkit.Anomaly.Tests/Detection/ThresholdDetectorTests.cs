using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Stores;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests.Detection;

public class ThresholdDetectorTests
{
    private static ThresholdDetector Create(FakeTimeProvider time, bool shadow = false)
    {
        var options = new ThresholdDetectorOptions("auth") { MaxRetry = 3, Window = TimeSpan.FromMinutes(10), Shadow = shadow };
        options.Kinds.Add(SecuritySignalKind.AuthenticationFailed);
        return new ThresholdDetector(options, new InMemoryWindowedCounterStore(time));
    }

    [Fact]
    public async Task ObserveAsync_BelowMaxRetry_DetectsNothing()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);

        Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default));
        Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default));
    }

    [Fact]
    public async Task ObserveAsync_AtMaxRetry_Detects()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default);

        var detection = await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default);

        Assert.NotNull(detection);
        Assert.Equal("auth", detection.Detector);
        Assert.Equal(3, detection.Count);
        Assert.Equal(3, detection.Threshold);
        Assert.Equal(TimeSpan.FromMinutes(10), detection.Window);
        Assert.True(detection.Suspend);
    }

    [Fact]
    public async Task ObserveAsync_MaxRetrySpreadBeyondFindTime_DetectsNothing()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default);
        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default));
    }

    [Fact]
    public async Task ObserveAsync_OtherKindsAndCallers_AreNotCounted()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed, caller: "ip:198.51.100.1"), default);
        await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.NotFound), default);
        await detector.ObserveAsync(Observations.Request(time), default);

        Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default));
    }

    [Fact]
    public async Task ObserveAsync_Shadow_DetectsWithoutSuspending()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time, shadow: true);
        AnomalyDetection? detection = null;
        for (var i = 0; i < 3; i++)
        {
            detection = await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), default);
        }

        Assert.NotNull(detection);
        Assert.False(detection.Suspend);
    }
}
