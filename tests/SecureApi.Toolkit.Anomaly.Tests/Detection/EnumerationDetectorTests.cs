using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Stores;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests.Detection;

public class EnumerationDetectorTests
{
    private static EnumerationDetector Create(FakeTimeProvider time) =>
        new(new EnumerationDetectorOptions("enum") { DistinctResources = 4, Window = TimeSpan.FromMinutes(1) }, new InMemoryWindowedCounterStore(time));

    private static AnomalyObservation NotFound(TimeProvider time, int id) =>
        Observations.Signal(time, SecuritySignalKind.NotFound, resource: "/orders/" + id.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task ObserveAsync_OneBelowDistinct_DetectsNothing()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);

        for (var id = 0; id < 3; id++)
        {
            Assert.Null(await detector.ObserveAsync(NotFound(time, id), default));
        }
    }

    [Fact]
    public async Task ObserveAsync_AtDistinct_Detects()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);
        for (var id = 0; id < 3; id++)
        {
            await detector.ObserveAsync(NotFound(time, id), default);
        }

        var detection = await detector.ObserveAsync(NotFound(time, 3), default);

        Assert.NotNull(detection);
        Assert.Equal(4, detection.Count);
    }

    [Fact]
    public async Task ObserveAsync_SameResourceRepeated_CountsOnce()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);

        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await detector.ObserveAsync(NotFound(time, 7), default));
        }
    }

    [Fact]
    public async Task ObserveAsync_DistinctSpreadBeyondWindow_DetectsNothing()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);
        for (var id = 0; id < 3; id++)
        {
            await detector.ObserveAsync(NotFound(time, id), default);
        }

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await detector.ObserveAsync(NotFound(time, 3), default));
    }

    [Fact]
    public async Task ObserveAsync_KindsNotListedOrWithoutResource_AreIgnored()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detector = Create(time);

        for (var id = 0; id < 10; id++)
        {
            Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.BadRequest, resource: "/x/" + id.ToString(CultureInfo.InvariantCulture)), default));
            Assert.Null(await detector.ObserveAsync(Observations.Signal(time, SecuritySignalKind.NotFound), default));
        }
    }
}
