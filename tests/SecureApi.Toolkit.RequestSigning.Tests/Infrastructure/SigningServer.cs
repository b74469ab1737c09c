using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Testing;

namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

/// <summary>A minimal API with request signing on TestServer (or Kestrel on loopback), a fake clock and a signal recorder.</summary>
internal sealed class SigningServer : IAsyncDisposable
{
    private SigningServer(WebApplication app, FakeTimeProvider time, RecordingSignalSink signals, bool kestrel)
    {
        App = app;
        Time = time;
        Signals = signals;
        Kestrel = kestrel;
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public RecordingSignalSink Signals { get; }

    public bool Kestrel { get; }

    public Uri BaseAddress => Kestrel ? new Uri(App.Urls.First()) : new Uri("http://localhost");

    public static async Task<SigningServer> StartAsync(
        Action<RequestSigningOptions>? configure = null,
        Action<WebApplicationBuilder>? hook = null,
        FakeTimeProvider? time = null,
        bool kestrel = false,
        bool defaultKeys = true,
        Action<WebApplication>? map = null,
        Action<WebApplication>? before = null)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
        var signals = new RecordingSignalSink();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (kestrel)
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ISecuritySignalSink>(signals);
        builder.Services.AddAuthorization();
        builder.Services.AddSecureApi(api => api.AddRequestSigning(o =>
        {
            var legacy = new SignatureProfile();
            legacy.AllowedAlgorithms.Add(HttpSignatureAlgorithms.RsaV15Sha256);
            o.Profiles["legacy"] = legacy;
            o.Profiles["strict"] = new SignatureProfile { RequireExpires = true, RequiredTag = "app" };
            configure?.Invoke(o);
        }));
        if (defaultKeys)
        {
            builder.Services.Configure<HttpSignatureKeyOptions>(k =>
            {
                foreach (var algorithm in TestKeyMaterial.Algorithms)
                {
                    k.Keys.Add(algorithm == HttpSignatureAlgorithms.HmacSha256
                        ? TestKeyMaterial.Definition(algorithm, "acme", "orders.read", "orders.write")
                        : TestKeyMaterial.Definition(algorithm));
                }
            });
        }

        hook?.Invoke(builder);
        var app = builder.Build();
        before?.Invoke(app);
        app.UseRouting();
        app.UseSecureApi();
        Map(app);
        map?.Invoke(app);
        await app.StartAsync();
        return new SigningServer(app, time, signals, kestrel);
    }

    public HttpClient CreateClient(Action<HttpMessageSigningOptions> signing, params DelegatingHandler[] afterSigning)
    {
        var options = new HttpMessageSigningOptions();
        signing(options);
        HttpMessageHandler inner = Kestrel ? new SocketsHttpHandler() : App.GetTestServer().CreateHandler();
        for (var i = afterSigning.Length - 1; i >= 0; i--)
        {
            afterSigning[i].InnerHandler = inner;
            inner = afterSigning[i];
        }

        var handler = new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), Time) { InnerHandler = inner };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public HttpClient CreateClient(HttpMessageSigningOptions options, TimeProvider clock) =>
        new(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), clock) { InnerHandler = App.GetTestServer().CreateHandler() }) { BaseAddress = BaseAddress };

    public HttpClient CreateClient(string algorithm) => CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(algorithm)));

    public HttpClient CreatePlainClient() =>
        Kestrel ? new HttpClient { BaseAddress = BaseAddress } : App.GetTestClient();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/signed", (HttpContext c) => Describe(c)).RequireSignature();
        app.MapGet("/signed/{**rest}", (HttpContext c) => Describe(c)).RequireSignature();
        app.MapPost("/signed", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            return Results.Text(await reader.ReadToEndAsync());
        }).RequireSignature();
        app.MapGet("/open", (HttpContext c) => Describe(c));
        app.MapGet("/health", () => "ok").DisableSignature();
        app.MapGet("/legacy", (HttpContext c) => Describe(c)).RequireSignature("legacy");
        app.MapGet("/strict", (HttpContext c) => Describe(c)).RequireSignature("strict");
        app.MapGet("/policy", (HttpContext c) => Describe(c))
            .RequireAuthorization(p => p.AddAuthenticationSchemes(RequestSigningDefaults.AuthenticationScheme).RequireAuthenticatedUser());
    }

    private static IResult Describe(HttpContext c)
    {
        var caller = c.GetApiCaller();
        return Results.Json(new CallerView(caller.Id, caller.Kind.ToString(), caller.ClientId, [.. caller.Permissions.Order(StringComparer.Ordinal)], c.Features.Get<IHttpSignatureFeature>()?.Result.KeyId));
    }
}
