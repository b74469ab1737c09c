using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Hooks;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Tests.Detection;

public class AnomalyProcessorTests
{
    private static ServiceProvider Create(FakeTimeProvider time, Action<AnomalyOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        Units.Provider(
            time,
            o =>
            {
                o.Detectors.Clear();
                o.AddThreshold("auth", d => { d.Kinds.Add(SecuritySignalKind.AuthenticationFailed); d.MaxRetry = 2; d.Window = TimeSpan.FromMinutes(10); });
                o.Suspension.BaseDuration = TimeSpan.FromMinutes(1);
                o.Suspension.Multiplier = 2;
                o.Suspension.MaxDuration = TimeSpan.FromMinutes(3);
                o.Suspension.Jitter = 0;
                o.DeduplicationWindow = TimeSpan.FromMinutes(5);
                configure?.Invoke(o);
            },
            s =>
            {
                s.AddSingleton<IAnomalyHandler, RecordingHandler>();
                services?.Invoke(s);
            });

    private static async Task FailAsync(IServiceProvider services, TimeProvider time, int times, string caller = "ip:203.0.113.7")
    {
        var processor = services.GetRequiredService<AnomalyProcessor>();
        for (var i = 0; i < times; i++)
        {
            await processor.ProcessAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed, caller), CancellationToken.None);
        }
    }

    private static List<AnomalyEvent> Drain(IServiceProvider services)
    {
        var hooks = services.GetRequiredService<HookDispatcher>();
        var events = new List<AnomalyEvent>();
        while (hooks.TryTake(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task ProcessAsync_Detection_SuspendsAndRaisesDetectedWithEvidence()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time);

        await FailAsync(services, time, 2);

        var events = Drain(services);
        var suspended = Assert.Single(events, e => e.Type == AnomalyEventType.Suspended);
        Assert.Equal("auth", suspended.Detector);
        Assert.Equal(TimeSpan.FromMinutes(1), suspended.Suspension!.Duration);
        var detected = Assert.Single(events, e => e.Type == AnomalyEventType.Detected);
        Assert.Equal(2, detected.Evidence!.Count);
        Assert.Equal(2, detected.Evidence.Threshold);
        Assert.Equal(TimeSpan.FromMinutes(10), detected.Evidence.Window);
        Assert.Equal(2, detected.Evidence.RecentEvents.Count);
        Assert.All(detected.Evidence.RecentEvents, e => Assert.Equal("test", e.Reason));
        Assert.True(services.GetRequiredService<SuspensionCache>().TryGet("ip:203.0.113.7", out _, out _));
    }

    [Fact]
    public async Task ProcessAsync_RepeatedDetections_RaiseDetectedOncePerWindow()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time, o => o.Detector<ThresholdDetectorOptions>("auth").Shadow = true);

        await FailAsync(services, time, 6);
        Assert.Single(Drain(services), e => e.Type == AnomalyEventType.Detected);

        time.Advance(TimeSpan.FromMinutes(5));
        await FailAsync(services, time, 1);

        Assert.Single(Drain(services), e => e.Type == AnomalyEventType.Detected);
    }

    [Fact]
    public async Task ProcessAsync_DeduplicationIsPerCallerAndDetector()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time, o => o.Detector<ThresholdDetectorOptions>("auth").Shadow = true);

        await FailAsync(services, time, 2, "ip:203.0.113.7");
        await FailAsync(services, time, 2, "ip:198.51.100.1");

        Assert.Equal(2, Drain(services).Count(e => e.Type == AnomalyEventType.Detected));
    }

    [Fact]
    public async Task ProcessAsync_ShadowDetector_DetectsButNeverSuspends()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time, o => o.Detector<ThresholdDetectorOptions>("auth").Shadow = true);

        await FailAsync(services, time, 5);

        var events = Drain(services);
        Assert.True(Assert.Single(events).Shadow);
        Assert.True(services.GetRequiredService<SuspensionCache>().IsEmpty);
        Assert.Null(await services.GetRequiredService<ISuspensionStore>().GetAsync("ip:203.0.113.7"));
    }

    [Fact]
    public async Task ProcessAsync_AllowListedCaller_DetectedButNeverSuspended()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time, o => o.AllowList.Add("ip:203.0.113.7"));

        await FailAsync(services, time, 10);

        var events = Drain(services);
        Assert.Single(events, e => e.Type == AnomalyEventType.Detected);
        Assert.DoesNotContain(events, e => e.Type == AnomalyEventType.Suspended);
        Assert.True(services.GetRequiredService<SuspensionCache>().IsEmpty);
    }

    [Fact]
    public async Task ProcessAsync_DetectionsDuringSuspension_DoNotExtendIt()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time);
        await FailAsync(services, time, 2);
        var first = await services.GetRequiredService<ISuspensionStore>().GetAsync("ip:203.0.113.7");

        time.Advance(TimeSpan.FromSeconds(30));
        await FailAsync(services, time, 20);

        Assert.Equal(first, await services.GetRequiredService<ISuspensionStore>().GetAsync("ip:203.0.113.7"));
        Assert.Single(Drain(services), e => e.Type == AnomalyEventType.Suspended);
    }

    [Fact]
    public async Task ProcessAsync_RepeatedOffences_EscalateToTheCeiling()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time, o => o.Detector<ThresholdDetectorOptions>("auth").Window = TimeSpan.FromSeconds(10));
        var durations = new List<TimeSpan>();
        for (var offence = 0; offence < 4; offence++)
        {
            await FailAsync(services, time, 2);
            var suspension = await services.GetRequiredService<ISuspensionStore>().GetAsync("ip:203.0.113.7");
            durations.Add(suspension!.Duration);
            time.Advance(suspension.Duration);
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3)], durations);
    }

    [Fact]
    public async Task ProcessAsync_Jitter_VariesTheCoolDownWithinBounds()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time, o => { o.Suspension.Jitter = 0.2; o.Suspension.Multiplier = 1; });
        var store = services.GetRequiredService<ISuspensionStore>();

        for (var i = 0; i < 20; i++)
        {
            var caller = "sub:c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await FailAsync(services, time, 2, caller);
            var duration = (await store.GetAsync(caller))!.Duration;
            Assert.InRange(duration, TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72));
        }
    }

    [Fact]
    public async Task ProcessAsync_CoolDownEnds_RaisesLiftedExpired()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time);
        await FailAsync(services, time, 2);
        Drain(services);

        time.Advance(TimeSpan.FromMinutes(1));

        var lifted = Assert.Single(Drain(services));
        Assert.Equal(AnomalyEventType.Lifted, lifted.Type);
        Assert.Equal("expired", lifted.LiftReason);
        Assert.True(services.GetRequiredService<SuspensionCache>().IsEmpty);
    }

    [Fact]
    public async Task ProcessAsync_StoreUnavailable_SkipsWithoutThrowing()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time, services: s => s.AddSingleton<IWindowedCounterStore, UnavailableCounterStore>());

        await FailAsync(services, time, 5);

        Assert.Empty(Drain(services));
    }

    [Fact]
    public async Task ProcessAsync_CustomDetectorThrows_OthersStillRun()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Create(time, services: s => s.AddSingleton<IAnomalyDetector, BrokenDetector>());

        await FailAsync(services, time, 2);

        Assert.Contains(Drain(services), e => e.Type == AnomalyEventType.Suspended);
    }

    private sealed class UnavailableCounterStore : IWindowedCounterStore
    {
        public ValueTask<long> IncrementAsync(string key, long amount, TimeSpan window, CancellationToken cancellationToken = default) => throw new StoreUnavailableException("down");

        public ValueTask<long> AddDistinctAsync(string key, string member, TimeSpan window, CancellationToken cancellationToken = default) => throw new StoreUnavailableException("down");
    }

    private sealed class BrokenDetector : IAnomalyDetector
    {
        public string Name => "broken";

        public ValueTask<AnomalyDetection?> ObserveAsync(AnomalyObservation observation, CancellationToken cancellationToken) => throw new InvalidOperationException("bug");
    }
}
