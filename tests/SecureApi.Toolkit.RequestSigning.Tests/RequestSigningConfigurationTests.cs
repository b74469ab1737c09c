using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RequestSigning.Tests;

public class RequestSigningConfigurationTests
{
    [Fact]
    public async Task Get_ReplayStoreDownAndFailClosed_503WithoutAdmitting()
    {
        var store = new ThrowingReplayStore();
        await using var server = await SigningServer.StartAsync(hook: b => b.Services.AddSingleton<IReplayNonceStore>(store));
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(RequestSigningDefaults.ReplayCheckUnavailableReason, (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
        Assert.Equal(1, store.Calls);
    }

    [Fact]
    public async Task Get_ReplayStoreDownAndFailOpen_Accepted()
    {
        await using var server = await SigningServer.StartAsync(
            o => o.Profiles[RequestSigningOptions.DefaultProfileName].ReplayStoreFailureMode = ReplayStoreFailureMode.FailOpen,
            b => b.Services.AddSingleton<IReplayNonceStore>(new ThrowingReplayStore()));
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);
    }

    [Fact]
    public async Task Get_InvalidSignature_NeverReachesReplayStore()
    {
        var store = new ThrowingReplayStore();
        await using var server = await SigningServer.StartAsync(hook: b => b.Services.AddSingleton<IReplayNonceStore>(store));
        using var client = server.CreateClient(o => o.Keys.Add(HttpSignatureKey.FromSharedSecret("key-hmac-sha256", new byte[32])));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/signed")).StatusCode);
        Assert.Equal(0, store.Calls);
    }

    [Fact]
    public async Task Get_Rejections_CountedByReasonWithoutCallerTags()
    {
        await using var server = await SigningServer.StartAsync();
        using var collector = new MetricCollector<long>(server.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "SecureApi.Toolkit.RequestSigning", "secureapi.request_signing.rejected");
        using var accepted = new MetricCollector<long>(server.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "SecureApi.Toolkit.RequestSigning", "secureapi.request_signing.accepted");
        await server.CreatePlainClient().GetAsync("/signed");
        using var client = server.CreateClient(HttpSignatureAlgorithms.Ed25519);
        await client.GetAsync("/signed");

        var rejection = Assert.Single(collector.GetMeasurementSnapshot());
        Assert.Equal("signature-missing", rejection.Tags["reason"]);
        Assert.Single(rejection.Tags);
        Assert.Equal(HttpSignatureAlgorithms.Ed25519, Assert.Single(accepted.GetMeasurementSnapshot()).Tags["algorithm"]);
    }

    [Fact]
    public async Task Get_BehindProxyWithExternalOrigin_VerifiesAgainstPublicOrigin()
    {
        // The client signs for the public origin; the proxy forwards to the app as http://localhost.
        var rewrite = new TamperingHandler(request =>
        {
            request.RequestUri = new Uri("http://localhost" + request.RequestUri!.PathAndQuery);
            request.Headers.Host = "localhost";
            return Task.CompletedTask;
        });

        await using var withOrigin = await SigningServer.StartAsync(o => o.ExternalOrigin = new Uri("https://api.example.com"));
        using (var client = withOrigin.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256)), rewrite))
        {
            client.BaseAddress = new Uri("https://api.example.com");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);
        }

        await using var without = await SigningServer.StartAsync();
        var rewrite2 = new TamperingHandler(request =>
        {
            request.RequestUri = new Uri("http://localhost" + request.RequestUri!.PathAndQuery);
            request.Headers.Host = "localhost";
            return Task.CompletedTask;
        });
        using var naive = without.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256)), rewrite2);
        naive.BaseAddress = new Uri("https://api.example.com");
        Assert.Equal("signature-invalid", (await (await naive.GetAsync("/signed")).Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_ProxyStripsPathPrefix_ExternalPathBaseRestoresIt()
    {
        var strip = new TamperingHandler(request =>
        {
            request.RequestUri = new Uri(request.RequestUri!.GetLeftPart(UriPartial.Authority) + request.RequestUri.PathAndQuery["/api".Length..]);
            return Task.CompletedTask;
        });
        await using var server = await SigningServer.StartAsync(o => o.ExternalPathBase = "/api");
        using var client = server.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256)), strip);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/signed?x=1")).StatusCode);
    }

    [Fact]
    public async Task Get_KeysFromConfiguration_HotReloadRotatesKeys()
    {
        var secretA = Convert.ToBase64String(TestKeyMaterial.Secret);
        var secretB = Convert.ToBase64String(new byte[48]);
        await using var server = await SigningServer.StartAsync(defaultKeys: false, hook: b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SignatureKeys:Keys:0:KeyId"] = "client-a",
                ["SignatureKeys:Keys:0:Secret"] = secretA,
                ["SignatureKeys:Keys:0:ClientId"] = "tenant-a",
                ["SignatureKeys:Keys:0:Permissions:0"] = "orders.read",
            });
            b.Services.Configure<HttpSignatureKeyOptions>(b.Configuration.GetSection("SignatureKeys"));
        });
        using var clientA = server.CreateClient(o => o.Keys.Add(HttpSignatureKey.FromSharedSecret("client-a", TestKeyMaterial.Secret)));
        using var clientB = server.CreateClient(o => o.Keys.Add(HttpSignatureKey.FromSharedSecret("client-b", new byte[48])));
        var caller = await clientA.GetFromJsonAsync<CallerView>("/signed");
        Assert.Equal("sig:tenant-a", caller!.Id);
        Assert.Equal(["orders.read"], caller.Permissions);
        Assert.Equal(HttpStatusCode.Unauthorized, (await clientB.GetAsync("/signed")).StatusCode);

        // Rotate: client-b in, client-a out, without a restart.
        server.App.Configuration["SignatureKeys:Keys:0:KeyId"] = "client-b";
        server.App.Configuration["SignatureKeys:Keys:0:Secret"] = secretB;
        ((IConfigurationRoot)server.App.Configuration).Reload();

        Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync("/signed")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await clientA.GetAsync("/signed")).StatusCode);
    }

    [Fact]
    public async Task Get_KeyNotYetValid_RejectedUntilWindowOpens()
    {
        await using var server = await SigningServer.StartAsync(defaultKeys: false, hook: b => b.Services.Configure<HttpSignatureKeyOptions>(k =>
        {
            var definition = TestKeyMaterial.Definition(HttpSignatureAlgorithms.Ed25519);
            definition.NotBefore = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
            k.Keys.Add(definition);
        }));
        using var client = server.CreateClient(HttpSignatureAlgorithms.Ed25519);
        using var rejected = new MetricCollector<long>(server.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "SecureApi.Toolkit.RequestSigning", "secureapi.request_signing.rejected");

        // The caller gets the single answer for key failures; the metric keeps the precise reason.
        Assert.Equal("signature-invalid", (await (await client.GetAsync("/signed")).Content.ReadFromJsonAsync<ProblemView>())!.Reason);
        Assert.Equal("unknown-key", Assert.Single(rejected.GetMeasurementSnapshot()).Tags["reason"]);
        server.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);
    }

    [Theory]
    [InlineData("no-digest", "RequiredComponentsWithBody must include \"content-digest\"")]
    [InlineData("max-age", "MaxAge must be between 0 and 1 hour")]
    [InlineData("skew", "AllowedFutureSkew must be between 0 and 5 minutes")]
    [InlineData("algorithm", "not registered")]
    [InlineData("origin", "ExternalOrigin must be an absolute http(s) origin")]
    [InlineData("component", "is not a valid component identifier")]
    [InlineData("body-bound", "MaxBufferedBodySize must be positive")]
    public async Task Start_InvalidOptions_FailsAtStartupNamingTheOption(string problem, string expected)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => SigningServer.StartAsync(o =>
        {
            var profile = o.Profiles[RequestSigningOptions.DefaultProfileName];
            switch (problem)
            {
                case "no-digest":
                    profile.RequiredComponentsWithBody.Remove("content-digest");
                    break;
                case "max-age":
                    profile.MaxAge = TimeSpan.FromHours(2);
                    break;
                case "skew":
                    profile.AllowedFutureSkew = TimeSpan.FromMinutes(10);
                    break;
                case "algorithm":
                    profile.AllowedAlgorithms.Add("rot13");
                    break;
                case "origin":
                    o.ExternalOrigin = new Uri("https://api.example.com/v1");
                    break;
                case "body-bound":
                    profile.MaxBufferedBodySize = 0;
                    break;
                default:
                    profile.RequiredComponents.Add("\"@query-param\";name=");
                    break;
            }
        }));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidKey_FailsAtStartup()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => SigningServer.StartAsync(hook: b =>
            b.Services.Configure<HttpSignatureKeyOptions>(k => k.Keys.Add(new HttpSignatureKeyDefinition { KeyId = "weak", Secret = Convert.ToBase64String(new byte[8]) }))));
        Assert.Contains("Key 'weak'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseRequestSigning_WithoutAddRequestSigning_ThrowsActionable()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        var ex = Assert.Throws<InvalidOperationException>(() => app.UseRequestSigning());
        Assert.Contains("AddRequestSigning", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRequestSigning_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSecureApi(api => api.AddRequestSigning().AddRequestSigning(o => o.RequireByDefault = true));
        Assert.Single(services, d => d.ServiceType == typeof(RequestSignatureVerifier));
        using var provider = services.BuildServiceProvider();
        Assert.True(provider.GetRequiredService<IOptions<RequestSigningOptions>>().Value.RequireByDefault);
        Assert.NotNull(provider.GetRequiredService<IReplayNonceStore>());
        Assert.NotNull(await provider.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>().GetSchemeAsync(RequestSigningDefaults.AuthenticationScheme));
    }

    [Fact]
    public async Task Get_UnknownProfile_ThrowsActionable()
    {
        await using var server = await SigningServer.StartAsync(map: app => app.MapGet("/typo", () => "x").RequireSignature("nope"));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => server.CreatePlainClient().GetAsync("/typo"));
        Assert.Contains("Profiles", ex.Message, StringComparison.Ordinal);
    }
}
