using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Tests.Suspensions;

public class SuspensionGateTests
{
    private static readonly RequestDelegate Ok = context =>
    {
        context.Response.StatusCode = 200;
        return Task.CompletedTask;
    };

    private static (SuspensionGate Gate, SuspensionCache Cache, ServiceProvider Services) Create(FakeTimeProvider time, Action<AnomalyOptions>? configure = null)
    {
        var services = Units.Provider(time, configure);
        return (services.GetRequiredService<SuspensionGate>(), services.GetRequiredService<SuspensionCache>(), services);
    }

    private static void Suspend(SuspensionCache cache, FakeTimeProvider time, string callerId, TimeSpan duration) =>
        cache.Apply(new SuspensionChange(callerId, new Suspension(callerId, "test", time.GetUtcNow(), time.GetUtcNow() + duration, 1), duration));

    [Fact]
    public async Task InvokeAsync_SuspendedCaller_Answers429ProblemWithRetryAfter()
    {
        var time = new FakeTimeProvider(Units.Start);
        var (gate, cache, services) = Create(time);
        using var _ = services;
        Suspend(cache, time, "ip:203.0.113.7", TimeSpan.FromSeconds(90.2));
        var context = Units.Context(services);
        context.Response.Body = new MemoryStream();
        var nextCalled = false;

        await gate.InvokeAsync(context, _ => { nextCalled = true; return Task.CompletedTask; });

        Assert.False(nextCalled);
        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("91", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("https://iana.org/assignments/http-problem-types#abnormal-usage-detected", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task InvokeAsync_OtherCaller_PassesThrough()
    {
        var time = new FakeTimeProvider(Units.Start);
        var (gate, cache, services) = Create(time);
        using var _ = services;
        Suspend(cache, time, "ip:198.51.100.1", TimeSpan.FromMinutes(1));
        var context = Units.Context(services);

        await gate.InvokeAsync(context, Ok);

        Assert.Equal(200, context.Response.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_AfterCoolDown_PassesThrough()
    {
        var time = new FakeTimeProvider(Units.Start);
        var (gate, cache, services) = Create(time);
        using var _ = services;
        Suspend(cache, time, "ip:203.0.113.7", TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(1));
        var context = Units.Context(services);

        await gate.InvokeAsync(context, Ok);

        Assert.Equal(200, context.Response.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_AllowListedCaller_PassesEvenWhenSuspended()
    {
        var time = new FakeTimeProvider(Units.Start);
        var (gate, cache, services) = Create(time, o => o.AllowedNetworks.Add(IPNetwork.Parse("203.0.113.0/24")));
        using var _ = services;
        Suspend(cache, time, "ip:203.0.113.7", TimeSpan.FromMinutes(1));
        var context = Units.Context(services);

        await gate.InvokeAsync(context, Ok);

        Assert.Equal(200, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("ip:203.0.113.7", null)]
    [InlineData(null, "203.0.113.0/28")]
    public async Task InvokeAsync_DenyListedCaller_Answers403(string? id, string? network)
    {
        var time = new FakeTimeProvider(Units.Start);
        var (gate, _, services) = Create(time, o =>
        {
            if (id is not null)
            {
                o.DenyList.Add(id);
            }

            if (network is not null)
            {
                o.DeniedNetworks.Add(IPNetwork.Parse(network));
            }
        });
        using var __ = services;
        var context = Units.Context(services);

        await gate.InvokeAsync(context, Ok);

        Assert.Equal(403, context.Response.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_NoSuspensions_DoesNotResolveTheCaller()
    {
        var time = new FakeTimeProvider(Units.Start);
        var (gate, _, services) = Create(time);
        using var _ = services;
        var context = Units.Context(services);

        await gate.InvokeAsync(context, Ok);

        Assert.Null(context.Features.Get<SecureApi.Toolkit.Callers.IApiCallerFeature>());
    }

    [Fact]
    public async Task InvokeAsync_RefusingSuspendedCallers_NeverAsksTheStore()
    {
        var time = new FakeTimeProvider(Units.Start);
        var store = Substitute.For<ISuspensionStore>();
        using var services = Units.Provider(time, services: s => s.AddSingleton(store));
        var gate = services.GetRequiredService<SuspensionGate>();
        Suspend(services.GetRequiredService<SuspensionCache>(), time, "ip:203.0.113.7", TimeSpan.FromMinutes(1));

        for (var i = 0; i < 100; i++)
        {
            var context = Units.Context(services);
            context.Response.Body = Stream.Null;
            await gate.InvokeAsync(context, Ok);
            Assert.Equal(429, context.Response.StatusCode);
        }

        Assert.Empty(store.ReceivedCalls());
    }
}
