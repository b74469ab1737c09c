using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Hooks;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;

namespace SecureApi.Toolkit.Anomaly.Tests.Hooks;

public class HookDispatcherTests
{
    private sealed class ThrowingHandler : IAnomalyHandler
    {
        public Task OnAnomalyAsync(AnomalyEvent anomalyEvent, CancellationToken cancellationToken) => throw new InvalidOperationException("hook bug");
    }

    private sealed class HangingHandler : IAnomalyHandler
    {
        public TaskCompletionSource<CancellationToken> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnAnomalyAsync(AnomalyEvent anomalyEvent, CancellationToken cancellationToken)
        {
            Started.TrySetResult(cancellationToken);
            return new TaskCompletionSource().Task; // never completes, ignores the token
        }
    }

    private sealed class BlockingHandler : IAnomalyHandler, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private volatile bool _returned;

        /// <summary>Gets whether the handler has returned (released by the test's end, or by its own bound).</summary>
        public bool Returned => _returned;

        public Task OnAnomalyAsync(AnomalyEvent anomalyEvent, CancellationToken cancellationToken)
        {
            // Blocks its thread synchronously until the test ends; bounded so that a regression fails the test instead of hanging it.
            _release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            _returned = true;
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _release.Set();
            _release.Dispose();
        }
    }

    private static HookDispatcher Create(FakeTimeProvider time, IEnumerable<IAnomalyHandler> handlers, Action<AnomalyOptions>? configure = null)
    {
        var options = new AnomalyOptions { HandlerTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        using var services = Units.Provider(time);
        return new HookDispatcher(handlers, Options.Create(options), time, (AnomalyMetrics)services.GetService(typeof(AnomalyMetrics))!, NullLogger<HookDispatcher>.Instance);
    }

    private static AnomalyEvent Event(TimeProvider time, AnomalyEventType type = AnomalyEventType.Detected) => new(type, "ip:203.0.113.7", time.GetUtcNow()) { Detector = "d" };

    [Fact]
    public async Task DispatchAsync_HandlerThrows_OthersStillCalledAndNothingEscapes()
    {
        var time = new FakeTimeProvider(Units.Start);
        var recorder = new RecordingHandler();
        var dispatcher = Create(time, [new ThrowingHandler(), recorder]);

        await dispatcher.DispatchAsync(Event(time), CancellationToken.None);

        Assert.Single(recorder.Seen);
    }

    [Fact]
    public async Task DispatchAsync_HandlerHangs_IsAbandonedAfterTimeout()
    {
        var time = new FakeTimeProvider(Units.Start);
        var recorder = new RecordingHandler();
        var hanging = new HangingHandler();
        var dispatcher = Create(time, [hanging, recorder]);

        var dispatch = dispatcher.DispatchAsync(Event(time), CancellationToken.None);
        var token = await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await recorder.WaitForAsync(_ => true);
        Assert.False(dispatch.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(5));

        await dispatch.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task DispatchAsync_HandlerBlocksSynchronously_DoesNotBlockTheDispatcher()
    {
        var time = new FakeTimeProvider(Units.Start);
        var recorder = new RecordingHandler();
        using var blocking = new BlockingHandler();
        var dispatcher = Create(time, [blocking, recorder]);

        // Started off the test's thread: a dispatcher that called the handler inline would block the test, not fail it.
        var dispatch = Task.Run(() => dispatcher.DispatchAsync(Event(time), CancellationToken.None));
        await recorder.WaitForAsync(_ => true);
        time.Advance(TimeSpan.FromSeconds(5));

        await dispatch.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(blocking.Returned); // the dispatch ended on its timeout while the handler still held its thread
    }

    [Fact]
    public async Task DispatchAsync_DelegateShortcuts_SeeOnlyTheirEventType()
    {
        var time = new FakeTimeProvider(Units.Start);
        var detected = new List<AnomalyEventType>();
        var suspended = new List<AnomalyEventType>();
        var lifted = new List<AnomalyEventType>();
        var dispatcher = Create(time, [], o =>
        {
            o.OnDetected = (e, _) => { detected.Add(e.Type); return Task.CompletedTask; };
            o.OnSuspended = (e, _) => { suspended.Add(e.Type); return Task.CompletedTask; };
            o.OnLifted = (e, _) => { lifted.Add(e.Type); return Task.CompletedTask; };
        });

        foreach (var type in new[] { AnomalyEventType.Detected, AnomalyEventType.Suspended, AnomalyEventType.Lifted, AnomalyEventType.Lifted })
        {
            await dispatcher.DispatchAsync(Event(time, type), CancellationToken.None);
        }

        Assert.Equal([AnomalyEventType.Detected], detected);
        Assert.Equal([AnomalyEventType.Suspended], suspended);
        Assert.Equal([AnomalyEventType.Lifted, AnomalyEventType.Lifted], lifted);
    }

    [Fact]
    public void Enqueue_QueueFull_DropsInsteadOfBlocking()
    {
        var time = new FakeTimeProvider(Units.Start);
        var dispatcher = Create(time, [new RecordingHandler()], o => o.HookQueueCapacity = 2);

        for (var i = 0; i < 5; i++)
        {
            dispatcher.Enqueue(Event(time));
        }

        Assert.Equal(2, dispatcher.Pending);
    }

    [Fact]
    public void Enqueue_NoHandlers_QueuesNothing()
    {
        var time = new FakeTimeProvider(Units.Start);
        var dispatcher = Create(time, []);

        dispatcher.Enqueue(Event(time));

        Assert.False(dispatcher.HasHandlers);
        Assert.Equal(0, dispatcher.Pending);
    }
}
