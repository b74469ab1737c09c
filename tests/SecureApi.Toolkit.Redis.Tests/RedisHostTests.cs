using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Redis;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Redis.Tests;

/// <summary>The Redis package inside a real host: start-up while Redis is down, health, misconfiguration.</summary>
public class RedisHostTests
{
    private static async Task<WebApplication> StartAppAsync(Action<RedisOptions> redis)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSecureApi(api => api.AddRedis(redis));
        var app = builder.Build();
        app.UseSecureApi();
        app.MapGet("/ping", () => "pong");
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description })),
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Redis)> HealthAsync(WebApplication app)
    {
        var response = await app.GetTestClient().GetAsync(new Uri("/health", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, body.GetProperty("redis"));
    }

    [Fact]
    public async Task App_StartsWhileRedisIsDown_ThenHealthTurnsHealthyWhenRedisComesBack()
    {
        using var server = RedisProcess.Start();
        server.Stop();

        // A generous command timeout: this test is about reconnecting, not about a slow PING on a loaded machine.
        await using var app = await StartAppAsync(o => { o.Configuration = server.Endpoint; o.ConnectTimeout = TimeSpan.FromMilliseconds(500); o.CommandTimeout = TimeSpan.FromSeconds(5); });

        var ping = await app.GetTestClient().GetStringAsync(new Uri("/ping", UriKind.Relative));
        Assert.Equal("pong", ping);
        var (status, redis) = await HealthAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", redis.GetProperty("status").GetString());
        Assert.DoesNotContain(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), redis.GetProperty("description").GetString(), StringComparison.Ordinal);

        server.Start();

        // The multiplexer reconnects on its own schedule; poll the real health endpoint until it reports healthy.
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var started = TimeProvider.System.GetTimestamp();
        (HttpStatusCode Status, JsonElement Redis) health;
        while ((health = await HealthAsync(app)).Status != HttpStatusCode.OK)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "Health did not turn healthy within 60 s of Redis coming back.");
            await poll.WaitForNextTickAsync();
        }

        Assert.Equal("Healthy", health.Redis.GetProperty("status").GetString());
    }

    [Fact]
    public async Task App_WithoutConnectionSettings_StartsAndHealthNamesTheFix()
    {
        await using var app = await StartAppAsync(_ => { });

        Assert.Equal("pong", await app.GetTestClient().GetStringAsync(new Uri("/ping", UriKind.Relative)));
        var (status, redis) = await HealthAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("RedisOptions.Configuration", redis.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_WithoutConnectionSettings_RefusesToStartWhenAskedTo()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAppAsync(o => o.FailStartupWhenUnavailable = true));

        Assert.Contains("AddRedis() has no connection settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_UnreachableRedis_RefusesToStartWhenAskedTo()
    {
        using var server = RedisProcess.Start();
        server.Stop();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAppAsync(o =>
        {
            o.Configuration = server.Endpoint;
            o.FailStartupWhenUnavailable = true;
            o.ConnectTimeout = TimeSpan.FromMilliseconds(500);
            o.CommandTimeout = TimeSpan.FromSeconds(5);
        }));

        Assert.Contains("FailStartupWhenUnavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedis_InstanceNameWithBrace_FailsValidationWithTheFix()
    {
        var provider = new ServiceCollection().AddLogging().AddSecureApi(api => api.AddRedis(o => { o.Configuration = "localhost"; o.InstanceName = "a{b"; })).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RedisOptions>>().Value);
        Assert.Contains("InstanceName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedis_CalledTwice_RegistersOneHealthCheck()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api => api.AddRedis(o => o.Configuration = "localhost").AddRedis(o => o.Configuration = "localhost"));

        var registrations = services.BuildServiceProvider().GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Single(registrations, r => r.Name == "redis");
    }
}
