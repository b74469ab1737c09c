using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SecureApi.Toolkit.RateLimiting.Internal;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.RateLimiting.Tests.Resilience;

/// <summary>Fail modes against a real redis-server that the test really stops and starts again.</summary>
public sealed class RedisFailModeTests : IDisposable
{
    private readonly RedisProcess _redis = RedisProcess.Start();

    public void Dispose() => _redis.Dispose();

    [Fact]
    public async Task RedisStopped_EachPolicyAppliesItsFailMode_CircuitOpensAndRecovers()
    {
        await using var host = await RateLimitTestHost.StartAsync(
            o =>
            {
                o.AddFixedWindow("open", 1, TimeSpan.FromMinutes(1)).FailMode = RateLimitFailMode.Open;
                o.AddFixedWindow("closed", 100, TimeSpan.FromMinutes(1)).FailMode = RateLimitFailMode.Closed;
                var local = o.AddFixedWindow("local", 4, TimeSpan.FromMinutes(1));
                local.LocalFallbackShare = 0.5;
                o.StoreTimeout = TimeSpan.FromSeconds(20); // behaviour under test, not latency: a loaded machine must not fall back early
                o.CircuitBreakerMinimumThroughput = 3;
                o.CircuitBreakerProbeInterval = TimeSpan.FromSeconds(5);
                o.LocalDenyCache = false; // the request past the limit below must reach the stopped Redis, not the cached refusal
            },
            app =>
            {
                app.MapGet("/open", () => "ok").RequireRateLimit("open");
                app.MapGet("/closed", () => "ok").RequireRateLimit("closed");
                app.MapGet("/local", () => "ok").RequireRateLimit("local");
            },
            services => services.AddSecureApi(api => api.AddRedis(r =>
            {
                r.Configuration = _redis.Endpoint + ",abortConnect=false";
                r.InstanceName = "failmode:";
                r.RegisterDistributedCache = false;
                r.CommandTimeout = TimeSpan.FromSeconds(5);
                r.ConnectTimeout = TimeSpan.FromSeconds(20);
            })));
        using var modeChanges = new MetricCollector<long>(host.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), RateLimitingMetrics.MeterName, "secureapi.ratelimiting.store.mode_changes");
        using var failures = new MetricCollector<long>(host.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), RateLimitingMetrics.MeterName, "secureapi.ratelimiting.store.failures");

        // Redis up: the open policy's limit of 1 is enforced by Redis.
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/open")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/open", "203.0.113.1")).StatusCode);

        _redis.Stop();

        // Open: allowed while Redis is down, even for the caller Redis had just refused (past its limit).
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/open", "203.0.113.1")).StatusCode);
        // Closed: refused with a Retry-After until the next probe.
        var closed = await host.GetAsync("/closed");
        Assert.Equal(HttpStatusCode.TooManyRequests, closed.StatusCode);
        Assert.True(closed.Headers.Contains("Retry-After"));
        // Local fallback: half of the limit of 4 on this instance.
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/local")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/local")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/local")).StatusCode);

        // Three failures opened the circuit: one mode change, and Redis is no longer tried on every request.
        var degraded = Assert.Single(modeChanges.GetMeasurementSnapshot());
        Assert.Equal("degraded", degraded.Tags["mode"]);
        var failuresWhenOpened = failures.GetMeasurementSnapshot().Count;
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/closed")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/closed")).StatusCode);
        Assert.Equal(failuresWhenOpened, failures.GetMeasurementSnapshot().Count);

        // Redis back: once the multiplexer has reconnected, a probe closes the circuit.
        _redis.Start();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            host.Time.Advance(TimeSpan.FromSeconds(5));
            if ((await host.GetAsync("/closed")).StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "The circuit did not close within 60 s of Redis restarting.");
            await poll.WaitForNextTickAsync();
        }

        // The circuit closes once what the local fallback admitted meanwhile has been charged to Redis.
        await host.App.Services.GetRequiredService<SecureApi.Toolkit.RateLimiting.Resilience.RateLimitEvaluator>().Settling.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("normal", modeChanges.GetMeasurementSnapshot()[^1].Tags["mode"]);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/closed")).StatusCode);
    }
}
