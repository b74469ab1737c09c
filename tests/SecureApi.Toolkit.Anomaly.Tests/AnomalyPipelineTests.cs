using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Hooks;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests;

/// <summary>End to end on TestServer through <c>UseSecureApi()</c>: signals, detection, hooks, suspension, gate.</summary>
public class AnomalyPipelineTests
{
    // IPAddress is not serializable by default (some of its properties throw for IPv4); a hook would write it as text.
    private static readonly JsonSerializerOptions EventJson = new() { Converters = { new IPAddressConverter() } };

    private static void Strict(AnomalyOptions o)
    {
        o.Detector<ThresholdDetectorOptions>(AnomalyOptions.CredentialFailuresDetector).MaxRetry = 3;
        o.Suspension.BaseDuration = TimeSpan.FromMinutes(1);
        o.Suspension.Jitter = 0;
    }

    private static async Task FailLoginsAsync(AnomalyTestHost host, int times, string ip = "203.0.113.7", string credential = "bad")
    {
        for (var i = 0; i < times; i++)
        {
            var response = await host.GetAsync("/me", auth: credential, ip: ip);

            // The failure that reaches the threshold may already be refused by the gate after authentication when
            // the background processor is quick enough; every earlier one is a plain 401.
            if (i < times - 1 || response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task RepeatedBadCredentials_SuspendAndAnswer429WithRetryAfter()
    {
        await using var host = await AnomalyTestHost.StartAsync(Strict);

        await FailLoginsAsync(host, 3);
        var suspended = await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Suspended);
        var response = await host.GetAsync("/me", auth: "alice");

        Assert.Equal("ip:203.0.113.7", suspended.CallerId);
        Assert.Equal(AnomalyOptions.CredentialFailuresDetector, suspended.Detector);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter!.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("https://iana.org/assignments/http-problem-types#abnormal-usage-detected", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Detection_HookReceivesEvidenceWithoutSecrets()
    {
        const string Secret = "bad-Zq7xW4-s3cr3t-credential";
        await using var host = await AnomalyTestHost.StartAsync(Strict);

        await FailLoginsAsync(host, 3, credential: Secret);
        var detected = await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Detected);

        Assert.Equal(3, detected.Evidence!.Count);
        Assert.Equal(3, detected.Evidence.Threshold);
        Assert.Equal(TimeSpan.FromMinutes(10), detected.Evidence.Window);
        Assert.Equal(3, detected.Evidence.RecentEvents.Count(e => e.Signal == SecuritySignalKind.AuthenticationFailed));

        // Everything a hook could forward (to a SIEM, a chat channel) is searched for the credential the caller sent.
        var json = JsonSerializer.Serialize(detected, EventJson);
        Assert.Contains("bad-credentials", json, StringComparison.Ordinal); // the evidence really is in the JSON searched
        Assert.DoesNotContain("Zq7xW4", json, StringComparison.Ordinal); // not the credential, nor any part of it
    }

    [Fact]
    public async Task AfterCoolDown_CallerIsServedAgainAndLiftIsRaised()
    {
        await using var host = await AnomalyTestHost.StartAsync(Strict);
        await FailLoginsAsync(host, 3);
        await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Suspended);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/orders/1")).StatusCode);

        host.Time.Advance(TimeSpan.FromMinutes(1));
        var lifted = await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Lifted);

        Assert.Equal("expired", lifted.LiftReason);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/orders/1")).StatusCode);
    }

    [Fact]
    public async Task SpammingDuringSuspension_DoesNotExtendIt()
    {
        await using var host = await AnomalyTestHost.StartAsync(Strict);
        await FailLoginsAsync(host, 3);
        await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Suspended);

        host.Time.Advance(TimeSpan.FromSeconds(40));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/me", auth: "bad")).StatusCode);
        }

        var response = await host.GetAsync("/orders/1");
        Assert.Equal(TimeSpan.FromSeconds(20), response.Headers.RetryAfter!.Delta);
        host.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/orders/1")).StatusCode);
    }

    [Fact]
    public async Task AllowListedCaller_IsNeverSuspended()
    {
        await using var host = await AnomalyTestHost.StartAsync(o =>
        {
            Strict(o);
            o.AllowList.Add("ip:203.0.113.7");
        });

        await FailLoginsAsync(host, 6);
        await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Detected);

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", auth: "alice")).StatusCode);
        Assert.DoesNotContain(host.Events.Seen, e => e.Type == AnomalyEventType.Suspended);
        Assert.Null(await host.Services.GetRequiredService<ISuspensionService>().GetAsync("ip:203.0.113.7"));
    }

    [Fact]
    public async Task SuspendedSubject_IsRefusedAfterAuthentication_WhileItsAddressIsServed()
    {
        await using var host = await AnomalyTestHost.StartAsync(Strict);
        await host.Services.GetRequiredService<ISuspensionService>().SuspendAsync("sub:alice", TimeSpan.FromMinutes(5));

        var asAlice = await host.GetAsync("/me", auth: "alice");
        var asBob = await host.GetAsync("/me", auth: "bob");
        var anonymous = await host.GetAsync("/orders/1");

        Assert.Equal(HttpStatusCode.TooManyRequests, asAlice.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(5), asAlice.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, asBob.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        var suspended = await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Suspended);
        Assert.Null(suspended.Detector);
        Assert.Equal("manual", suspended.Suspension!.Reason);
    }

    [Fact]
    public async Task ManualLift_ServesTheCallerAtOnceAndRaisesLifted()
    {
        await using var host = await AnomalyTestHost.StartAsync(Strict);
        var suspensions = host.Services.GetRequiredService<ISuspensionService>();
        await suspensions.SuspendAsync("ip:203.0.113.7", TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/orders/1")).StatusCode);

        Assert.True(await suspensions.LiftAsync("ip:203.0.113.7"));

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/orders/1")).StatusCode);
        var lifted = await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Lifted);
        Assert.Equal("manual", lifted.LiftReason);
    }

    [Fact]
    public async Task ManualSuspend_OfAllowListedCaller_IsRefused()
    {
        await using var host = await AnomalyTestHost.StartAsync(o => o.AllowList.Add("sub:ops"));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.Services.GetRequiredService<ISuspensionService>().SuspendAsync("sub:ops", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task NotFoundEnumeration_SuspendsTheScanner()
    {
        await using var host = await AnomalyTestHost.StartAsync(o =>
        {
            Strict(o);
            o.Detector<EnumerationDetectorOptions>(AnomalyOptions.EnumerationDetector).DistinctResources = 4;
        });

        for (var id = 100; id < 104; id++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("/orders/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture))).StatusCode);
        }

        var suspended = await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Suspended);
        Assert.Equal(AnomalyOptions.EnumerationDetector, suspended.Detector);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/orders/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/orders/1", ip: "198.51.100.9")).StatusCode);
    }

    [Fact]
    public async Task HooksThatThrowOrHang_DoNotAffectRequests()
    {
        var hung = new TaskCompletionSource();
        await using var host = await AnomalyTestHost.StartAsync(
            o =>
            {
                Strict(o);
                o.OnDetected = (_, _) => throw new InvalidOperationException("hook bug");
                o.OnSuspended = (_, _) => hung.Task;
            });

        await FailLoginsAsync(host, 3);
        await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Suspended);

        // The hung hook still runs; requests are served (or refused by the gate) regardless.
        Assert.False(hung.Task.IsCompleted);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/orders/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/orders/1", ip: "198.51.100.9")).StatusCode);
        hung.SetResult();
    }

    [Fact]
    public async Task ServerErrors_AreObservedAsSignals()
    {
        await using var host = await AnomalyTestHost.StartAsync(o =>
        {
            o.Detectors.Clear();
            o.AddThreshold("errors", d => { d.Kinds.Add(SecuritySignalKind.ServerError); d.MaxRetry = 2; d.Shadow = true; });
        });

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.GetAsync("/fail")).StatusCode);
        }

        var detected = await host.Events.WaitForAsync(e => e.Type == AnomalyEventType.Detected);
        Assert.Equal("errors", detected.Detector);
        Assert.True(detected.Shadow);
    }

    [Fact]
    public async Task InvalidOptions_FailAtStartUpWithActionableMessage()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => AnomalyTestHost.StartAsync(o =>
        {
            o.Suspension.Multiplier = 0.5;
            o.AddThreshold("empty", _ => { });
        }));

        Assert.Contains("Multiplier", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kinds is empty", error.Message, StringComparison.Ordinal);
    }

    private sealed class IPAddressConverter : JsonConverter<IPAddress>
    {
        public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => IPAddress.Parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
