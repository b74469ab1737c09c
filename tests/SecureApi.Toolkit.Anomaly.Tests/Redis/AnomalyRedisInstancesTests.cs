using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Hooks;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Anomaly.Tests.Redis;

/// <summary>Two app instances sharing one real Redis: what one suspends or lifts, the other enforces too.</summary>
[Collection(RedisCollection.Name)]
public sealed class AnomalyRedisInstancesTests(RedisServerFixture redis)
{
    // Pub/sub delivery is milliseconds in practice; the bound is generous so a loaded CI machine cannot fail it (latency is for the benchmarks).
    private static readonly TimeSpan CrossInstance = TimeSpan.FromSeconds(30);

    private Task<AnomalyTestHost> StartInstanceAsync(string instanceName, Action<AnomalyOptions>? configure = null) =>
        AnomalyTestHost.StartAsync(
            o =>
            {
                o.Detector<ThresholdDetectorOptions>(AnomalyOptions.CredentialFailuresDetector).MaxRetry = 3;
                o.Suspension.BaseDuration = TimeSpan.FromMinutes(5);
                o.Suspension.Jitter = 0;
                configure?.Invoke(o);
            },
            api: api => api.AddRedis(r =>
            {
                r.Configuration = redis.ConnectionString;
                r.InstanceName = instanceName;
                r.CommandTimeout = TimeSpan.FromSeconds(5); // about sharing suspensions, not about a slow Redis on a loaded machine
            }));

    private static Task<SuspensionChange> NextChangeAsync(AnomalyTestHost host, string callerId, bool suspended)
    {
        var applied = new TaskCompletionSource<SuspensionChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<SuspensionCache>().Applied += change =>
        {
            if (change.CallerId == callerId && (change.Suspension is not null) == suspended)
            {
                applied.TrySetResult(change);
            }
        };
        return applied.Task;
    }

    private static string NewPrefix() => "anomaly-" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Fact]
    public async Task DetectionOnOneInstance_IsEnforcedByTheOther_AndLiftLikewise()
    {
        var prefix = NewPrefix();
        await using var a = await StartInstanceAsync(prefix);
        await using var b = await StartInstanceAsync(prefix);
        Assert.IsNotType<SecureApi.Toolkit.Anomaly.Stores.InMemorySuspensionStore>(a.Services.GetRequiredService<ISuspensionStore>());
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/orders/1")).StatusCode);

        var enforcedByB = NextChangeAsync(b, "ip:203.0.113.7", suspended: true);
        for (var i = 0; i < 3; i++)
        {
            var status = (await a.GetAsync("/me", auth: "bad")).StatusCode;

            // The third failure may already meet the suspension at the gate after authentication.
            Assert.True(status == HttpStatusCode.Unauthorized || (i == 2 && status == HttpStatusCode.TooManyRequests), status.ToString());
        }

        await a.Events.WaitForAsync(e => e.Type == AnomalyEventType.Suspended);
        await enforcedByB.WaitAsync(CrossInstance);
        var refused = await b.GetAsync("/orders/1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(295), TimeSpan.FromMinutes(5));

        var liftedOnA = NextChangeAsync(a, "ip:203.0.113.7", suspended: false);
        Assert.True(await b.Services.GetRequiredService<ISuspensionService>().LiftAsync("ip:203.0.113.7"));
        await liftedOnA.WaitAsync(CrossInstance);

        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/orders/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/orders/1")).StatusCode);
    }

    [Fact]
    public async Task ManualSuspensionOfASubject_IsEnforcedByTheOther()
    {
        var prefix = NewPrefix();
        await using var a = await StartInstanceAsync(prefix);
        await using var b = await StartInstanceAsync(prefix);

        var enforcedByB = NextChangeAsync(b, "sub:mallory", suspended: true);
        await a.Services.GetRequiredService<ISuspensionService>().SuspendAsync("sub:mallory", TimeSpan.FromMinutes(2));
        await enforcedByB.WaitAsync(CrossInstance);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await b.GetAsync("/me", auth: "mallory")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/me", auth: "alice")).StatusCode);
    }

    [Fact]
    public async Task InstanceStartedLater_LoadsSuspensionsInForce()
    {
        var prefix = NewPrefix();
        await using var a = await StartInstanceAsync(prefix);
        await a.Services.GetRequiredService<ISuspensionService>().SuspendAsync("ip:203.0.113.7", TimeSpan.FromMinutes(2));

        await using var late = await StartInstanceAsync(prefix);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await late.GetAsync("/orders/1")).StatusCode);
    }

    [Fact]
    public async Task InstancesWithAnotherPrefix_DoNotShareSuspensions()
    {
        await using var a = await StartInstanceAsync(NewPrefix());
        await a.Services.GetRequiredService<ISuspensionService>().SuspendAsync("ip:203.0.113.7", TimeSpan.FromMinutes(2));

        // Started after the suspension, so with a shared prefix it would have loaded it at start-up; and the store is
        // asked directly: neither answer depends on how fast pub/sub delivers.
        await using var other = await StartInstanceAsync(NewPrefix());

        Assert.NotNull(await a.Services.GetRequiredService<ISuspensionService>().GetAsync("ip:203.0.113.7"));
        Assert.Null(await other.Services.GetRequiredService<ISuspensionService>().GetAsync("ip:203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.GetAsync("/orders/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/orders/1")).StatusCode);
    }

    [Fact]
    public async Task EveryAnomalyKey_HasATimeToLive()
    {
        var prefix = NewPrefix();

        // One 404 is enough for an enumeration detection, so the scanner's keys come with an event to wait for too.
        await using var a = await StartInstanceAsync(prefix, o => o.Detector<EnumerationDetectorOptions>(AnomalyOptions.EnumerationDetector).DistinctResources = 1);
        for (var i = 0; i < 3; i++)
        {
            await a.GetAsync("/me", auth: "bad");
        }

        await a.GetAsync("/orders/404", ip: "198.51.100.3");

        // Detected is raised after the suspension and the de-duplication counter are written, and the processor
        // handles observations in order: once the scanner's detection is seen, every key below exists.
        await a.Events.WaitForAsync(e => e.Type == AnomalyEventType.Detected && e.CallerId == "ip:203.0.113.7");
        await a.Events.WaitForAsync(e => e.Type == AnomalyEventType.Detected && e.CallerId == "ip:198.51.100.3");

        var server = redis.Admin.GetServer(redis.Server.Endpoint);
        var keys = server.Keys(pattern: prefix + "*").Select(k => k.ToString()).ToList();
        Assert.Contains(prefix + "counter:{anomaly:threshold:credential-failures:ip:203.0.113.7}:n", keys);
        Assert.Contains(prefix + "counter:{anomaly:dedup:credential-failures:ip:203.0.113.7}:n", keys);
        Assert.Contains(prefix + "distinct:{anomaly:enumeration:enumeration:ip:198.51.100.3}:s", keys);
        Assert.Contains(prefix + "counter:{anomaly:dedup:enumeration:ip:198.51.100.3}:n", keys);
        Assert.Contains(prefix + "suspension:{ip:203.0.113.7}:s", keys);
        Assert.Contains(prefix + "suspension:{ip:203.0.113.7}:o", keys);
        Assert.Contains(prefix + "suspension:{index}:active", keys);
        foreach (var key in keys)
        {
            Assert.True(await redis.Admin.GetDatabase().KeyTimeToLiveAsync(key) > TimeSpan.Zero, $"{key} has no TTL");
        }
    }
}
