using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Signals;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests.Signals;

public class AnomalyObserverMiddlewareTests
{
    [Theory]
    [InlineData(404, SecuritySignalKind.NotFound)]
    [InlineData(400, SecuritySignalKind.BadRequest)]
    [InlineData(500, SecuritySignalKind.ServerError)]
    [InlineData(503, SecuritySignalKind.ServerError)]
    public void Classify_ErrorStatus_IsItsSignal(int status, SecuritySignalKind expected) =>
        Assert.Equal(expected, AnomalyObserverMiddleware.Classify(status));

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(429)]
    public void Classify_OtherStatus_IsNoSignal(int status) =>
        Assert.Null(AnomalyObserverMiddleware.Classify(status));

    private static (AnomalyObserverMiddleware Observer, SignalQueue Queue, ServiceProvider Services) Create(FakeTimeProvider time, RequestDelegate next, Action<AnomalyOptions>? configure = null)
    {
        var services = Units.Provider(time, configure);
        var observer = new AnomalyObserverMiddleware(next, services.GetRequiredService<SignalQueue>(), time, services.GetRequiredService<IOptions<AnomalyOptions>>());
        return (observer, services.GetRequiredService<SignalQueue>(), services);
    }

    [Fact]
    public async Task InvokeAsync_NotFound_ReportsPathAndLatencyAfterTheResponse()
    {
        var time = new FakeTimeProvider(Units.Start);
        var (observer, queue, services) = Create(time, context =>
        {
            time.Advance(TimeSpan.FromMilliseconds(42));
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        using var _ = services;
        var context = Units.Context(services);
        context.Request.Path = "/orders/12345";

        await observer.InvokeAsync(context);

        Assert.True(queue.Reader.TryRead(out var observation));
        Assert.Equal(SecuritySignalKind.NotFound, observation.Signal);
        Assert.Equal("/orders/12345", observation.ResourceId);
        Assert.Equal(404, observation.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(42), observation.Elapsed);
        Assert.Equal("ip:203.0.113.7", observation.CallerId);
    }

    [Fact]
    public async Task InvokeAsync_Ok_ReportsNothing()
    {
        var (observer, queue, services) = Create(new FakeTimeProvider(Units.Start), _ => Task.CompletedTask);
        using var _ = services;

        await observer.InvokeAsync(Units.Context(services));

        Assert.Equal(0, queue.Reader.Count);
    }

    [Fact]
    public async Task InvokeAsync_AsynchronousBadRequest_ReportsAfterCompletion()
    {
        var gate = new TaskCompletionSource();
        var (observer, queue, services) = Create(new FakeTimeProvider(Units.Start), async context =>
        {
            await gate.Task;
            context.Response.StatusCode = 400;
        });
        using var _ = services;

        var running = observer.InvokeAsync(Units.Context(services));
        Assert.Equal(0, queue.Reader.Count);
        gate.SetResult();
        await running;

        Assert.True(queue.Reader.TryRead(out var observation));
        Assert.Equal(SecuritySignalKind.BadRequest, observation.Signal);
    }

    [Fact]
    public async Task InvokeAsync_EndpointThrows_ReportsServerErrorAndRethrows()
    {
        var (observer, queue, services) = Create(new FakeTimeProvider(Units.Start), _ => throw new InvalidOperationException("boom"));
        using var _ = services;

        await Assert.ThrowsAsync<InvalidOperationException>(() => observer.InvokeAsync(Units.Context(services)));

        Assert.True(queue.Reader.TryRead(out var observation));
        Assert.Equal(SecuritySignalKind.ServerError, observation.Signal);
        Assert.Equal(500, observation.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_ObserveResponsesOff_ReportsNothing()
    {
        var (observer, queue, services) = Create(new FakeTimeProvider(Units.Start), c => { c.Response.StatusCode = 404; return Task.CompletedTask; }, o => o.ObserveResponses = false);
        using var _ = services;

        await observer.InvokeAsync(Units.Context(services));

        Assert.Equal(0, queue.Reader.Count);
    }

    [Fact]
    public async Task InvokeAsync_WithBurstDetector_ReportsEveryRequest()
    {
        var (observer, queue, services) = Create(new FakeTimeProvider(Units.Start), _ => Task.CompletedTask, o => o.AddBurst("burst", _ => { }));
        using var _ = services;

        await observer.InvokeAsync(Units.Context(services));

        Assert.True(queue.Reader.TryRead(out var observation));
        Assert.Null(observation.Signal);
        Assert.Equal(200, observation.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_NormalRequest_AllocatesNothing()
    {
        var (observer, queue, services) = Create(new FakeTimeProvider(Units.Start), _ => Task.CompletedTask);
        using var _ = services;
        var context = Units.Context(services);
        await observer.InvokeAsync(context);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            await observer.InvokeAsync(context);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, queue.Reader.Count);
    }

    [Fact]
    public async Task InvokeAsync_HandlerAlreadyReportedTheNotFound_IsNotCountedTwice()
    {
        var (observer, queue, services) = Create(new FakeTimeProvider(Units.Start), context =>
        {
            context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.NotFound, "order-not-found", ResourceId: "order/5"));
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        using var provider = services;

        await observer.InvokeAsync(Units.Context(services));

        Assert.True(queue.Reader.TryRead(out var observation));
        Assert.Equal("order/5", observation.ResourceId);
        Assert.False(queue.Reader.TryRead(out _));
    }
}
