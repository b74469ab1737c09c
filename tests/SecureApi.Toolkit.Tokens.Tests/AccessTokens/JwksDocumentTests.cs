using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.AccessTokens;

public sealed class JwksDocumentTests
{
    [Fact]
    public async Task MapJwks_EcAndRsaKeys_PublishesPublicPartsOnly()
    {
        await using var server = await TokenTestServer.StartAsync(
            api => api.AddAccessTokens(o =>
            {
                o.Issuer = TokenTestContext.Issuer;
                o.Audience = TokenTestContext.Audience;
                o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
                o.SigningKeys.Add(AccessTokenSigningKey.CreateRs256("rsa-1"));
            }),
            app => app.MapJwks());

        using var response = await server.GetAsync("/.well-known/jwks.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var keys = doc.RootElement.GetProperty("keys").EnumerateArray().ToArray();
        Assert.Equal(2, keys.Length);
        var ec = keys.Single(k => k.GetProperty("kid").GetString() == "ec-1");
        Assert.Equal("EC", ec.GetProperty("kty").GetString());
        Assert.Equal("P-256", ec.GetProperty("crv").GetString());
        Assert.Equal("ES256", ec.GetProperty("alg").GetString());
        Assert.Equal("sig", ec.GetProperty("use").GetString());
        Assert.False(ec.TryGetProperty("d", out _));
        var rsa = keys.Single(k => k.GetProperty("kid").GetString() == "rsa-1");
        Assert.Equal("RSA", rsa.GetProperty("kty").GetString());
        Assert.Equal("AQAB", rsa.GetProperty("e").GetString());
        foreach (var privatePart in new[] { "d", "p", "q", "dp", "dq", "qi" })
        {
            Assert.False(rsa.TryGetProperty(privatePart, out _));
        }
    }

    [Fact]
    public void Build_Hs256Key_NeverPublished()
    {
        using var ctx = new TokenTestContext(o => o.SigningKeys.Add(AccessTokenSigningKey.Hs256(RandomNumberGenerator.GetBytes(32), "hs-1")));
        using var doc = JsonDocument.Parse(ctx.Services.GetRequiredService<JwksDocument>().Build());
        Assert.Empty(doc.RootElement.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public void Build_RetiredKey_DroppedAndFutureKeyPublishedAhead()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        using var ctx = new TokenTestContext(o =>
        {
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("old").WithRetireAt(now.AddHours(1)));
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("next").WithSignFrom(now.AddMinutes(30)));
        });
        var document = ctx.Services.GetRequiredService<JwksDocument>();
        Assert.Equal(["next", "old"], Kids(document.Build()));
        ctx.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(["next"], Kids(document.Build()));
    }

    [Fact]
    public void MapJwks_WithoutAddAccessTokens_ThrowsActionableError()
    {
        var builder = WebApplication.CreateBuilder();
        using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapJwks());
        Assert.Contains("AddAccessTokens", error.Message, StringComparison.Ordinal);
    }

    private static string[] Kids(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).Order(StringComparer.Ordinal)];
    }
}
