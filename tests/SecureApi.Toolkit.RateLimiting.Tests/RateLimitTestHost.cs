using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Testing;

namespace SecureApi.Toolkit.RateLimiting.Tests;

/// <summary>A TestServer app with rate limiting, virtual time and a signal recorder. Header <c>X-Test-Ip</c> sets the caller's address.</summary>
internal sealed class RateLimitTestHost : IAsyncDisposable
{
    private RateLimitTestHost(WebApplication app, FakeTimeProvider time, RecordingSignalSink signals)
    {
        App = app;
        Time = time;
        Signals = signals;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public RecordingSignalSink Signals { get; }

    public HttpClient Client { get; }

    public static async Task<RateLimitTestHost> StartAsync(Action<RateLimitingOptions> configure, Action<WebApplication>? endpoints = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var signals = new RecordingSignalSink();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ISecuritySignalSink>(signals);
        builder.Services.AddSecureApi(api => api.AddRateLimiting(configure));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue("X-Test-Ip", out var ip))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
            }

            return next(context);
        });
        app.UseRouting();
        app.UseSecureApi();
        if (endpoints is null)
        {
            app.MapGet("/", () => "ok");
        }
        else
        {
            endpoints(app);
        }

        await app.StartAsync();
        return new RateLimitTestHost(app, time, signals);
    }

    public Task<HttpResponseMessage> GetAsync(string path = "/", string ip = "203.0.113.1")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Test-Ip", ip);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
