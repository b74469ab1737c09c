using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Signals;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests;

public class AnomalyMetricsTests
{
    [Fact]
    public async Task Instruments_CountSignalsDetectionsSuspensionsAndRejections_WithoutCallerTags()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Units.Provider(time, o =>
        {
            o.Detectors.Clear();
            o.AddThreshold("auth", d => { d.Kinds.Add(SecuritySignalKind.AuthenticationFailed); d.MaxRetry = 2; });
            o.QueueCapacity = 1;
        });
        var metrics = services.GetRequiredService<AnomalyMetrics>();
        var scope = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var signals = new MetricCollector<long>(scope, AnomalyMetrics.MeterName, "secureapi.anomaly.signals");
        using var detections = new MetricCollector<long>(scope, AnomalyMetrics.MeterName, "secureapi.anomaly.detections");
        using var suspensions = new MetricCollector<long>(scope, AnomalyMetrics.MeterName, "secureapi.anomaly.suspensions");
        using var rejections = new MetricCollector<long>(scope, AnomalyMetrics.MeterName, "secureapi.anomaly.rejections");
        using var dropped = new MetricCollector<long>(scope, AnomalyMetrics.MeterName, "secureapi.anomaly.signals.dropped");
        var processor = services.GetRequiredService<AnomalyProcessor>();

        for (var i = 0; i < 2; i++)
        {
            await processor.ProcessAsync(Observations.Signal(time, SecuritySignalKind.AuthenticationFailed), CancellationToken.None);
        }

        var context = Units.Context(services);
        await services.GetRequiredService<SuspensionGate>().InvokeAsync(context, _ => Task.CompletedTask);
        context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.Replay));
        context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.Replay));

        Assert.Equal(2, signals.GetMeasurementSnapshot().Count(m => (string?)m.Tags["kind"] == "authentication-failed"));
        var detection = Assert.Single(detections.GetMeasurementSnapshot());
        Assert.Equal("auth", detection.Tags["detector"]);
        Assert.Equal(false, detection.Tags["shadow"]);
        Assert.Equal("auth", Assert.Single(suspensions.GetMeasurementSnapshot()).Tags["reason"]);
        Assert.Equal("suspended", Assert.Single(rejections.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.Single(dropped.GetMeasurementSnapshot());
        var all = signals.GetMeasurementSnapshot().Concat(detections.GetMeasurementSnapshot()).Concat(suspensions.GetMeasurementSnapshot()).Concat(rejections.GetMeasurementSnapshot());
        Assert.DoesNotContain(all.SelectMany(m => m.Tags.Values), v => v is string s && s.Contains("203.0.113.7", StringComparison.Ordinal));
        _ = metrics;
    }

    [Fact]
    public void ActiveSuspensions_ReportsThisInstancesCache()
    {
        var time = new FakeTimeProvider(Units.Start);
        using var services = Units.Provider(time);
        var metrics = services.GetRequiredService<AnomalyMetrics>();
        var cache = services.GetRequiredService<SuspensionCache>();
        var scope = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        metrics.ObserveActiveSuspensions(() => cache.Count);
        using var active = new MetricCollector<int>(scope, AnomalyMetrics.MeterName, "secureapi.anomaly.suspensions.active");
        cache.Apply(new SecureApi.Toolkit.Stores.SuspensionChange("c", new SecureApi.Toolkit.Stores.Suspension("c", "t", Units.Start, Units.Start.AddMinutes(1), 1), TimeSpan.FromMinutes(1)));

        active.RecordObservableInstruments();

        Assert.Equal(1, active.LastMeasurement!.Value);
    }
}
