using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Hooks;

namespace SecureApi.Toolkit.Anomaly.Tests.Infrastructure;

/// <summary>A real app on TestServer: SecureApi with anomaly detection, a test auth scheme, and a few endpoints.</summary>
internal sealed class AnomalyTestHost : IAsyncDisposable
{
    private AnomalyTestHost(WebApplication app, FakeTimeProvider time, RecordingHandler events)
    {
        App = app;
        Time = time;
        Events = events;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public RecordingHandler Events { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<AnomalyTestHost> StartAsync(Action<AnomalyOptions>? configure = null, Action<IServiceCollection>? services = null, FakeTimeProvider? time = null, Action<SecureApiBuilder>? api = null)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var events = new RecordingHandler();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IAnomalyHandler>(events);
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddSecureApi(secureApi =>
        {
            secureApi.AddAnomalyDetection(configure);
            api?.Invoke(secureApi);
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();

        // TestServer has no remote address; the tests choose one per request.
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Test-IP"].FirstOrDefault() ?? "203.0.113.7");
            return next(context);
        });
        app.UseSecureApi();
        app.MapGet("/orders/{id:int}", (int id) => id < 100 ? Results.Ok(id) : Results.NotFound());
        app.MapGet("/me", (HttpContext http) => http.GetApiCaller().Id).RequireAuthorization();
        app.MapGet("/fail", () => Results.Problem(statusCode: 503));
        await app.StartAsync();
        return new AnomalyTestHost(app, time, events);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? auth = null, string? ip = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (auth is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Test " + auth);
        }

        if (ip is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Test-IP", ip);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
