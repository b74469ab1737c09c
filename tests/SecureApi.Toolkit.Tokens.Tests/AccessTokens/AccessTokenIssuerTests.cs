using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.AccessTokens;

public sealed class AccessTokenIssuerTests
{
    [Fact]
    public void Issue_Defaults_WritesRfc9068ShapeWithTenMinuteLifetime()
    {
        using var ctx = new TokenTestContext();
        var issued = ctx.TokenIssuer.Issue("alice", ["orders.read", "customers.read"], clientId: "app-1");

        var header = TokenForge.DecodePart(issued.AccessToken, 0);
        var payload = TokenForge.DecodePart(issued.AccessToken, 1);
        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("ec-1", header.GetProperty("kid").GetString());
        Assert.Equal(TokenTestContext.Issuer, payload.GetProperty("iss").GetString());
        Assert.Equal(TokenTestContext.Audience, payload.GetProperty("aud").GetString());
        Assert.Equal("alice", payload.GetProperty("sub").GetString());
        Assert.Equal("app-1", payload.GetProperty("client_id").GetString());
        Assert.Equal(issued.TokenId, payload.GetProperty("jti").GetString());
        Assert.Equal("orders.read customers.read", payload.GetProperty("scope").GetString());
        var now = ctx.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(now, payload.GetProperty("iat").GetInt64());
        Assert.Equal(now + 600, payload.GetProperty("exp").GetInt64());
        Assert.Equal(TimeSpan.FromMinutes(10), issued.Lifetime);
        Assert.Equal(ctx.Time.GetUtcNow().AddMinutes(10), issued.ExpiresAt);
    }

    [Fact]
    public void Issue_TwoTokens_HaveDistinctTokenIds()
    {
        using var ctx = new TokenTestContext();
        Assert.NotEqual(ctx.TokenIssuer.Issue("alice", []).TokenId, ctx.TokenIssuer.Issue("alice", []).TokenId);
    }

    [Fact]
    public void Issue_LifetimeAboveMaximum_Throws()
    {
        using var ctx = new TokenTestContext();
        Assert.Throws<ArgumentOutOfRangeException>(() => ctx.TokenIssuer.Issue("alice", [], lifetime: TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData("orders read")]
    [InlineData("")]
    [InlineData("orders\"read")]
    public void Issue_InvalidPermissionName_Throws(string permission)
    {
        using var ctx = new TokenTestContext();
        Assert.Throws<ArgumentException>(() => ctx.TokenIssuer.Issue("alice", [permission]));
    }

    [Fact]
    public void Issue_Rs256Key_SignsWithRs256()
    {
        using var rsa = RSA.Create(2048);
        using var ctx = new TokenTestContext(o => o.SigningKeys.Add(AccessTokenSigningKey.Rs256(rsa, "rsa-1")));
        var header = TokenForge.DecodePart(ctx.TokenIssuer.Issue("alice", []).AccessToken, 0);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("rsa-1", header.GetProperty("kid").GetString());
    }

    [Fact]
    public void Issue_RotationReachesNextKeySignFrom_SignsWithNextKey()
    {
        using var next = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var switchAt = new DateTimeOffset(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);
        using var ctx = new TokenTestContext();
        using var rotated = new TokenTestContext(o =>
        {
            o.SigningKeys.Add(AccessTokenSigningKey.Es256(ctx.EcKey, "ec-1"));
            o.SigningKeys.Add(AccessTokenSigningKey.Es256(next, "ec-2").WithSignFrom(switchAt));
        });

        Assert.Equal("ec-1", Kid(rotated.TokenIssuer.Issue("alice", []).AccessToken));
        rotated.Time.SetUtcNow(switchAt);
        Assert.Equal("ec-2", Kid(rotated.TokenIssuer.Issue("alice", []).AccessToken));
    }

    [Fact]
    public void Issue_NoKeyActive_Throws()
    {
        using var ctx = new TokenTestContext(o =>
        {
            var key = AccessTokenSigningKey.CreateEs256("later");
            key.SignFrom = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
            o.SigningKeys.Add(key);
        });
        Assert.Throws<InvalidOperationException>(() => ctx.TokenIssuer.Issue("alice", []));
    }

    [Fact]
    public void Issue_Hs256Key_IsVerifiableWithTheSecret()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        using var ctx = new TokenTestContext(o => o.SigningKeys.Add(AccessTokenSigningKey.Hs256(secret, "hs-1")));
        var token = ctx.TokenIssuer.Issue("alice", []).AccessToken;
        var parts = token.Split('.');
        var expected = TokenForge.Encode(HMACSHA256.HashData(secret, System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        Assert.Equal(expected, parts[2]);
        Assert.Equal(SecurityAlgorithms.HmacSha256, TokenForge.DecodePart(token, 0).GetProperty("alg").GetString());
    }

    private static string Kid(string token) => TokenForge.DecodePart(token, 0).GetProperty("kid").GetString()!;
}
