using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Signals;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests.Signals;

public class AnomalySignalSinkTests
{
    [Fact]
    public void AddAnomalyDetection_ReplacesTheNoOpSink()
    {
        using var services = Units.Provider(new FakeTimeProvider(Units.Start));

        Assert.IsType<AnomalySignalSink>(services.GetRequiredService<ISecuritySignalSink>());
    }

    [Fact]
    public void ReportSecuritySignal_QueuesObservationAboutTheCaller()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Units.Provider(time);
        var context = Units.Context(services);

        context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.Replay, "nonce-reused", 3, "key-1"));

        Assert.True(services.GetRequiredService<SignalQueue>().Reader.TryRead(out var observation));
        Assert.Equal("ip:203.0.113.7", observation.CallerId);
        Assert.Equal(SecuritySignalKind.Replay, observation.Signal);
        Assert.Equal("nonce-reused", observation.Reason);
        Assert.Equal(3, observation.Weight);
        Assert.Equal("key-1", observation.ResourceId);
        Assert.Equal(Units.Start, observation.Timestamp);
    }

    [Fact]
    public void Publish_WhenQueueIsFull_DropsAndCountsWithoutBlocking()
    {
        using var services = Units.Provider(new FakeTimeProvider(Units.Start), o => o.QueueCapacity = 2);
        var context = Units.Context(services);
        var queue = services.GetRequiredService<SignalQueue>();

        for (var i = 0; i < 5; i++)
        {
            context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.AuthenticationFailed));
        }

        Assert.Equal(3, queue.Dropped);
        Assert.Equal(2, queue.Reader.Count);
    }

    [Fact]
    public void Publish_AfterCallerIsResolved_AllocatesNothing()
    {
        using var services = Units.Provider(new FakeTimeProvider(Units.Start), o => o.QueueCapacity = 100_000);
        var context = Units.Context(services);
        var sink = services.GetRequiredService<ISecuritySignalSink>();
        var queue = services.GetRequiredService<SignalQueue>();
        var signal = new SecuritySignal(SecuritySignalKind.PermissionDenied, "missing-permission");
        context.GetApiCaller();

        // Grow the channel's buffer once (as a running app has), then drain it: steady-state writes allocate nothing.
        for (var i = 0; i < 1001; i++)
        {
            sink.Publish(context, signal);
        }

        while (queue.Reader.TryRead(out _))
        {
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            sink.Publish(context, signal);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(1000, queue.Reader.Count);
    }
}
