using System.Security.Cryptography;
using System.Text.Json;
using Jose;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.AccessTokens;

/// <summary>
/// Interoperability with an independent JOSE implementation (jose-jwt): it validates our tokens with the keys it reads
/// from our JWKS endpoint, and our scheme accepts tokens it signs.
/// </summary>
public sealed class JoseJwtInteropTests
{
    private static Task<TokenTestServer> StartAsync(params AccessTokenSigningKey[] keys) => TokenTestServer.StartAsync(
        api => api.AddAccessTokens(o =>
        {
            o.Issuer = TokenTestContext.Issuer;
            o.Audience = TokenTestContext.Audience;
            foreach (var key in keys)
            {
                o.SigningKeys.Add(key);
            }
        }),
        app => app.MapJwks());

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public async Task OurToken_ValidatedByJoseJwtThroughOurJwks(string algorithm)
    {
        var key = algorithm == "ES256" ? AccessTokenSigningKey.CreateEs256("k-" + algorithm) : AccessTokenSigningKey.CreateRs256("k-" + algorithm);
        await using var server = await StartAsync(key);
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read"], "app-1").AccessToken;

        var jwks = JwkSet.FromJson(await server.Client.GetStringAsync("/.well-known/jwks.json"), JWT.DefaultSettings.JsonMapper);
        var kid = (string)JWT.Headers(token)["kid"];
        var jwk = Assert.Single(jwks.Keys, k => k.KeyId == kid);
        var payload = JWT.Decode(token, jwk, algorithm == "ES256" ? JwsAlgorithm.ES256 : JwsAlgorithm.RS256);

        using var claims = JsonDocument.Parse(payload);
        Assert.Equal("alice", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("orders.read", claims.RootElement.GetProperty("scope").GetString());
        Assert.Equal("at+jwt", (string)JWT.Headers(token)["typ"]);
    }

    [Fact]
    public async Task OurToken_TamperedIsRefusedByJoseJwt()
    {
        await using var server = await StartAsync(AccessTokenSigningKey.CreateEs256("ec-1"));
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read"]).AccessToken;
        var jwk = JwkSet.FromJson(await server.Client.GetStringAsync("/.well-known/jwks.json"), JWT.DefaultSettings.JsonMapper).Keys.Single();
        var parts = token.Split('.');
        var forged = parts[0] + "." + TokenForge.Encode("{\"sub\":\"mallory\"}"u8.ToArray()) + "." + parts[2];
        Assert.ThrowsAny<IntegrityException>(() => JWT.Decode(forged, jwk, JwsAlgorithm.ES256));
    }

    [Fact]
    public async Task JoseJwtEs256Token_AcceptedByOurScheme()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = await StartAsync(AccessTokenSigningKey.Es256(ec, "shared-ec"));
        var token = JWT.Encode(JosePayload(server.Time.GetUtcNow()), ec, JwsAlgorithm.ES256, new Dictionary<string, object> { ["kid"] = "shared-ec", ["typ"] = "at+jwt" });

        using var response = await server.GetAsync("/orders", "Bearer", token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task JoseJwtRs256Token_AcceptedByOurScheme()
    {
        using var rsa = RSA.Create(2048);
        await using var server = await StartAsync(AccessTokenSigningKey.Rs256(rsa, "shared-rsa"));
        var token = JWT.Encode(JosePayload(server.Time.GetUtcNow()), rsa, JwsAlgorithm.RS256, new Dictionary<string, object> { ["kid"] = "shared-rsa", ["typ"] = "at+jwt" });

        using var response = await server.GetAsync("/orders", "Bearer", token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task JoseJwtUnsignedToken_RefusedByOurScheme()
    {
        await using var server = await StartAsync(AccessTokenSigningKey.CreateEs256("ec-1"));
        var token = JWT.Encode(JosePayload(server.Time.GetUtcNow()), null, JwsAlgorithm.none, new Dictionary<string, object> { ["kid"] = "ec-1", ["typ"] = "at+jwt" });

        using var response = await server.GetAsync("/orders", "Bearer", token);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("algorithm-not-allowed", Assert.Single(server.Signals.Signals).Reason);
    }

    private static Dictionary<string, object> JosePayload(DateTimeOffset now) => new()
    {
        ["iss"] = TokenTestContext.Issuer,
        ["aud"] = TokenTestContext.Audience,
        ["sub"] = "bob",
        ["jti"] = "jose-1",
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        ["scope"] = "orders.read",
    };
}
