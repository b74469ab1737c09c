using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.AccessTokens;

public sealed class AccessTokenAuthenticationHandlerTests
{
    internal static Task<TokenTestServer> StartAsync() => TokenTestServer.StartAsync(api => api.AddAccessTokens(o =>
    {
        o.Issuer = TokenTestContext.Issuer;
        o.Audience = TokenTestContext.Audience;
        o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
    }));

    [Fact]
    public async Task Authenticate_ValidToken_ProjectsOntoApiCaller()
    {
        await using var server = await StartAsync();
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read", "customers.read"], "app-1").AccessToken;

        using var response = await server.GetAsync("/me", "Bearer", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("sub:alice", body.RootElement.GetProperty("id").GetString());
        Assert.Equal("TokenSubject", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("app-1", body.RootElement.GetProperty("clientId").GetString());
        Assert.Equal(["customers.read", "orders.read"], body.RootElement.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Authenticate_NoCredentials_Returns401ProblemWithBearerChallenge()
    {
        await using var server = await StartAsync();
        using var response = await server.GetAsync("/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(server.Signals.Signals);
    }

    [Fact]
    public async Task Authenticate_TamperedToken_Returns401WithoutReasonAndReportsSignal()
    {
        await using var server = await StartAsync();
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read"]).AccessToken;
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        using var response = await server.GetAsync("/me", "Bearer", tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("urn:secureapi:problem:invalid-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("signature", text, StringComparison.OrdinalIgnoreCase);
        var signal = Assert.Single(server.Signals.Signals);
        Assert.Equal(SecuritySignalKind.AuthenticationFailed, signal.Kind);
        Assert.Equal("bad-signature", signal.Reason);
    }

    [Fact]
    public async Task Authenticate_AlgNoneToken_Returns401()
    {
        await using var server = await StartAsync();
        var token = TokenForge.Unsigned(TokenForge.Header("none"), TokenForge.Payload(server.Time.GetUtcNow()));
        using var response = await server.GetAsync("/orders", "Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("algorithm-not-allowed", Assert.Single(server.Signals.Signals).Reason);
    }

    [Fact]
    public async Task Authenticate_CritHeaderAndStringExp_Return401()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using var server = await TokenTestServer.StartAsync(api => api.AddAccessTokens(o =>
        {
            o.Issuer = TokenTestContext.Issuer;
            o.Audience = TokenTestContext.Audience;
            o.SigningKeys.Add(AccessTokenSigningKey.Es256(key, "ec-1"));
        }));
        var payload = TokenForge.Payload(server.Time.GetUtcNow());
        var good = TokenForge.Es256Raw(key, """{"alg":"ES256","typ":"at+jwt","kid":"ec-1"}""", TokenForge.Json(payload));
        var crit = TokenForge.Es256Raw(key, """{"alg":"ES256","typ":"at+jwt","kid":"ec-1","crit":["x-unknown"],"x-unknown":1}""", TokenForge.Json(payload));
        var exp = payload["exp"];
        payload.Remove("exp");
        var stringExp = TokenForge.Es256Raw(key, """{"alg":"ES256","typ":"at+jwt","kid":"ec-1"}""", TokenForge.Json(payload, $"\"exp\":\"{exp}\""));

        using (var response = await server.GetAsync("/orders", "Bearer", good))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var response = await server.GetAsync("/orders", "Bearer", crit))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await server.GetAsync("/orders", "Bearer", stringExp))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(["unsupported-crit", "invalid-numeric-date"], server.Signals.Signals.Select(s => s.Reason));
    }

    [Fact]
    public async Task Authenticate_ExpiredToken_Returns401()
    {
        await using var server = await StartAsync();
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read"]).AccessToken;
        server.Time.Advance(TimeSpan.FromMinutes(11));
        using var response = await server.GetAsync("/orders", "Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("expired", Assert.Single(server.Signals.Signals).Reason);
    }

    [Fact]
    public async Task Authenticate_PublicEndpointWithBadToken_StillServedAnonymously()
    {
        await using var server = await StartAsync();
        using var response = await server.GetAsync("/public", "Bearer", "garbage");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
