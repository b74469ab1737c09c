using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Testing;

namespace SecureApi.Toolkit.Tokens.Tests;

/// <summary>A TestServer app with the SecureApi pipeline, the tokens package and endpoints guarded by permissions.</summary>
internal sealed class TokenTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TokenTestServer(WebApplication app, FakeTimeProvider time, RecordingSignalSink signals)
    {
        _app = app;
        Time = time;
        Signals = signals;
        Client = app.GetTestClient();
    }

    public FakeTimeProvider Time { get; }

    public RecordingSignalSink Signals { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TokenTestServer> StartAsync(Action<SecureApiBuilder> configure, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var signals = new RecordingSignalSink();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ISecuritySignalSink>(signals);
        builder.Services.AddSecureApi(configure);
        var app = builder.Build();
        app.UseSecureApi();
        app.MapGet("/me", (HttpContext c) =>
        {
            var caller = c.GetApiCaller();
            return new { caller.Id, Kind = caller.Kind.ToString(), caller.ClientId, Permissions = caller.Permissions.Order(StringComparer.Ordinal).ToArray() };
        }).RequireAuthorization();
        app.MapGet("/orders", () => "orders").RequirePermission("orders.read");
        app.MapGet("/orders-or-admin", () => "either").RequirePermission("admin", "orders.write");
        app.MapGet("/both", () => "both").RequireAllPermissions("orders.read", "admin");
        app.MapGet("/attribute", [Toolkit.Tokens.RequirePermission("orders.read")] () => "attribute");
        app.MapGet("/public", () => "public");
        map?.Invoke(app);
        await app.StartAsync();
        return new TokenTestServer(app, time, signals);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? scheme = null, string? credential = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (scheme is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, credential);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
