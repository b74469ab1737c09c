using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.RequestSigning.Tests;

public class RedisReplayTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Get_ReplayedToSecondInstanceSharingRedis_401Replayed()
    {
        var instance = "sig-test-" + Guid.NewGuid().ToString("N") + ":";
        // A generous command timeout: this test is about replay across instances, not about a slow Redis on a loaded machine.
        await using var first = await SigningServer.StartAsync(hook: b => b.Services.AddSecureApi(api => api.AddRedis(o => { o.Configuration = redis.ConnectionString; o.InstanceName = instance; o.CommandTimeout = TimeSpan.FromSeconds(5); })));
        await using var second = await SigningServer.StartAsync(hook: b => b.Services.AddSecureApi(api => api.AddRedis(o => { o.Configuration = redis.ConnectionString; o.InstanceName = instance; o.CommandTimeout = TimeSpan.FromSeconds(5); })));

        var capture = new CapturingHandler();
        using var client = first.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256)), capture);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);

        var replay = new HttpRequestMessage(HttpMethod.Get, "/signed");
        foreach (var (name, value) in capture.SignedHeaders)
        {
            replay.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await second.CreatePlainClient().SendAsync(replay);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-replayed", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_RedisDown_FailsClosedThenRecovers()
    {
        var instance = "sig-test-" + Guid.NewGuid().ToString("N") + ":";
        // 2 s instead of the 250 ms default, so the request before the outage does not fail on a loaded machine; the
        // request during the outage waits at most that long.
        await using var server = await SigningServer.StartAsync(hook: b => b.Services.AddSecureApi(api => api.AddRedis(o => { o.Configuration = redis.ConnectionString; o.InstanceName = instance; o.CommandTimeout = TimeSpan.FromSeconds(2); })));
        using var client = server.CreateClient(HttpSignatureAlgorithms.Ed25519);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);

        redis.Server.Stop();
        try
        {
            var response = await client.GetAsync("/signed");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(RequestSigningDefaults.ReplayCheckUnavailableReason, (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
        }
        finally
        {
            redis.Server.Start();
        }

        // Redis back: once the multiplexer has reconnected, signed requests are accepted again.
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var started = TimeProvider.System.GetTimestamp();
        while ((await client.GetAsync("/signed")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "Signed requests were still refused 60 s after Redis restarted.");
            await poll.WaitForNextTickAsync();
        }
    }
}
