using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.AccessTokens;

public sealed class AccessTokenValidatorTests
{
    [Fact]
    public async Task ValidateAsync_IssuedToken_SucceedsWithCallerClaims()
    {
        using var ctx = new TokenTestContext();
        var token = ctx.TokenIssuer.Issue("alice", ["orders.read", "orders.write"], clientId: "app-1").AccessToken;

        var result = await ctx.Validator.ValidateAsync(token, CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("alice", result.Identity!.FindFirst("sub")!.Value);
        Assert.Equal("app-1", result.Identity.FindFirst("client_id")!.Value);
        Assert.Equal("token", result.Identity.FindFirst("secureapi_caller_kind")!.Value);
        Assert.Equal("orders.read orders.write", result.Identity.FindFirst("scope")!.Value);
        Assert.Equal(TokenAuthenticationSchemes.AccessToken, result.Identity.AuthenticationType);
    }

    [Fact]
    public async Task ValidateAsync_HandForgedEs256Token_Succeeds()
    {
        // Guards the attack tests below: the forge produces tokens the validator accepts when nothing is wrong.
        using var ctx = new TokenTestContext();
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.True((await ctx.Validator.ValidateAsync(token, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task ValidateAsync_AlgNone_Refused()
    {
        using var ctx = new TokenTestContext();
        var token = TokenForge.Unsigned(TokenForge.Header("none"), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("algorithm-not-allowed", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_AlgNoneWithSignatureOfValidToken_Refused()
    {
        using var ctx = new TokenTestContext();
        var valid = ctx.TokenIssuer.Issue("alice", []).AccessToken;
        var token = TokenForge.SigningInput(TokenForge.Header("none"), TokenForge.Payload(ctx.Time.GetUtcNow())) + "." + valid.Split('.')[2];
        Assert.Equal("algorithm-not-allowed", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_Hs256SignedWithRsaPublicKey_Refused()
    {
        using var rsa = RSA.Create(2048);
        using var ctx = new TokenTestContext(o => o.SigningKeys.Add(AccessTokenSigningKey.Rs256(rsa, "rsa-1")));
        // The classic key-confusion attack: HMAC keyed with the published public key.
        var publicKeyBytes = System.Text.Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem());
        var token = TokenForge.Hs256(publicKeyBytes, TokenForge.Header("HS256", "rsa-1"), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("algorithm-not-allowed", await ctx.ValidateReasonAsync(token));

        var rawModulus = rsa.ExportParameters(false).Modulus!;
        var token2 = TokenForge.Hs256(rawModulus, TokenForge.Header("HS256", "rsa-1"), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("algorithm-not-allowed", await ctx.ValidateReasonAsync(token2));
    }

    [Fact]
    public async Task ValidateAsync_Rs256TokenWhenOnlyEs256KeyHasThatKid_Refused()
    {
        using var ctx = new TokenTestContext(o =>
        {
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
            o.AllowedAlgorithms.Add("ES256");
            o.AllowedAlgorithms.Add("RS256");
        });
        using var rsa = RSA.Create(2048);
        var token = TokenForge.Rs256(rsa, TokenForge.Header("RS256", "ec-1"), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("bad-signature", await ctx.ValidateReasonAsync(token));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("jwt")]
    [InlineData("id_token+jwt")]
    public async Task ValidateAsync_WrongTyp_Refused(string typ)
    {
        using var ctx = new TokenTestContext();
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256", typ: typ), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("wrong-type", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_Expired_RefusedAfterSkewOnly()
    {
        using var ctx = new TokenTestContext();
        var token = ctx.TokenIssuer.Issue("alice", []).AccessToken;
        ctx.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(29));
        Assert.True((await ctx.Validator.ValidateAsync(token, CancellationToken.None)).Succeeded);
        ctx.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("expired", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_NotYetValid_Refused()
    {
        using var ctx = new TokenTestContext();
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), TokenForge.Payload(ctx.Time.GetUtcNow().AddMinutes(2)));
        Assert.Equal("not-yet-valid", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_NoExpiry_Refused()
    {
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        payload.Remove("exp");
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), payload);
        Assert.Equal("no-expiration", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_LifetimeAboveMaximum_Refused()
    {
        using var ctx = new TokenTestContext();
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), TokenForge.Payload(ctx.Time.GetUtcNow(), TimeSpan.FromDays(30)));
        Assert.Equal("lifetime-too-long", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_WrongIssuer_Refused()
    {
        using var ctx = new TokenTestContext();
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), TokenForge.Payload(ctx.Time.GetUtcNow(), issuer: "https://evil.test"));
        Assert.Equal("wrong-issuer", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_MissingIssuer_Refused()
    {
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        payload.Remove("iss");
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), payload);
        Assert.False((await ctx.Validator.ValidateAsync(token, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task ValidateAsync_WrongAudience_Refused()
    {
        using var ctx = new TokenTestContext();
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), TokenForge.Payload(ctx.Time.GetUtcNow(), audience: "https://other.test"));
        Assert.Equal("wrong-audience", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_MissingAudience_Refused()
    {
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        payload.Remove("aud");
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), payload);
        Assert.Equal("wrong-audience", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_UnknownKid_Refused()
    {
        using var ctx = new TokenTestContext();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = TokenForge.Es256(attacker, TokenForge.Header("ES256", "attacker-key"), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("unknown-key", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_NoKidSignedWithTheRealKey_RefusedWithoutTryingKeys()
    {
        using var ctx = new TokenTestContext();
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256", kid: null), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("unknown-key", await ctx.ValidateReasonAsync(token));
    }

    [Theory]
    [InlineData("../../../../dev/null")]
    [InlineData("' OR '1'='1")]
    [InlineData("ec-1\u0000")]
    [InlineData("ec-1 ")]
    [InlineData("EC-1")]
    [InlineData("|cat /etc/passwd")]
    [InlineData("http://evil.test/key.json")]
    public async Task ValidateAsync_KidInjection_Refused(string kid)
    {
        using var ctx = new TokenTestContext();
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256", kid), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("unknown-key", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_JkuAndEmbeddedJwkHeaders_NotFollowed()
    {
        using var ctx = new TokenTestContext();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = attacker.ExportParameters(false);
        var header = TokenForge.Header("ES256", "attacker");
        header["jku"] = "https://evil.test/jwks.json";
        header["x5u"] = "https://evil.test/cert.pem";
        header["jwk"] = new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "attacker",
            ["x"] = TokenForge.Encode(p.Q.X!), ["y"] = TokenForge.Encode(p.Q.Y!),
        };
        var token = TokenForge.Es256(attacker, header, TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("unknown-key", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_TamperedPayload_RefusedAsBadSignature()
    {
        using var ctx = new TokenTestContext();
        var parts = ctx.TokenIssuer.Issue("alice", ["orders.read"]).AccessToken.Split('.');
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        payload["scope"] = "admin";
        var forgedPayload = TokenForge.SigningInput(TokenForge.Header("ES256"), payload).Split('.')[1];
        Assert.Equal("bad-signature", await ctx.ValidateReasonAsync(parts[0] + "." + forgedPayload + "." + parts[2]));
    }

    [Fact]
    public async Task ValidateAsync_OversizedToken_RefusedBeforeParsing()
    {
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        payload["pad"] = new string('a', 10_000);
        var token = TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), payload);
        Assert.Equal("oversized", await ctx.ValidateReasonAsync(token));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("")]
    public async Task ValidateAsync_Garbage_RefusedAsMalformed(string token)
    {
        using var ctx = new TokenTestContext();
        Assert.Equal("malformed", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_RotationOverlap_OldKeyAcceptedUntilRetired()
    {
        var switchAt = new DateTimeOffset(2026, 11, 24, 12, 30, 0, TimeSpan.Zero);
        var retireAt = switchAt + TimeSpan.FromHours(1);
        using var oldKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ctx = new TokenTestContext(o =>
        {
            o.SigningKeys.Add(AccessTokenSigningKey.Es256(oldKey, "old").WithRetireAt(retireAt));
            o.SigningKeys.Add(AccessTokenSigningKey.Es256(newKey, "new").WithSignFrom(switchAt));
        });

        // Published ahead: a token signed by the next key is accepted before the switch.
        Assert.True((await ctx.Validator.ValidateAsync(
            TokenForge.Es256(newKey, TokenForge.Header("ES256", "new"), TokenForge.Payload(ctx.Time.GetUtcNow())), CancellationToken.None)).Succeeded);

        ctx.Time.SetUtcNow(switchAt - TimeSpan.FromMinutes(5));
        var oldToken = ctx.TokenIssuer.Issue("alice", []).AccessToken;
        ctx.Time.SetUtcNow(switchAt + TimeSpan.FromMinutes(1));
        var newToken = ctx.TokenIssuer.Issue("alice", []).AccessToken;

        Assert.True((await ctx.Validator.ValidateAsync(oldToken, CancellationToken.None)).Succeeded);
        Assert.True((await ctx.Validator.ValidateAsync(newToken, CancellationToken.None)).Succeeded);

        ctx.Time.SetUtcNow(retireAt + TimeSpan.FromSeconds(1));
        var lateOld = TokenForge.Es256(oldKey, TokenForge.Header("ES256", "old"), TokenForge.Payload(ctx.Time.GetUtcNow()));
        Assert.Equal("unknown-key", await ctx.ValidateReasonAsync(lateOld));
    }

    [Fact]
    public async Task ValidateAsync_IncomingCallerKindClaim_Replaced()
    {
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        payload["secureapi_caller_kind"] = "signed-client";
        var result = await ctx.Validator.ValidateAsync(TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), payload), CancellationToken.None);
        Assert.Equal(["token"], result.Identity!.FindAll("secureapi_caller_kind").Select(c => c.Value));
    }

    [Fact]
    public async Task ValidateAsync_ScpAndPermissionsClaims_NormalizedToOneScope()
    {
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        payload.Remove("scope");
        payload["scp"] = new[] { "orders.read", "customers.read" };
        payload["permissions"] = new[] { "orders.write", "orders.read" };
        var result = await ctx.Validator.ValidateAsync(TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), payload), CancellationToken.None);
        var scope = Assert.Single(result.Identity!.FindAll("scope")).Value.Split(' ');
        Assert.Equal(["customers.read", "orders.read", "orders.write"], scope.Order(StringComparer.Ordinal));
        Assert.Empty(result.Identity.FindAll("scp"));
    }

    [Fact]
    public async Task ValidateAsync_NoSubjectOrClient_Refused()
    {
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        payload.Remove("sub");
        Assert.Equal("no-subject", await ctx.ValidateReasonAsync(TokenForge.Es256(ctx.EcKey, TokenForge.Header("ES256"), payload)));
    }

    [Fact]
    public async Task ValidateAsync_RevokedToken_RefusedWhenRevocationChecked()
    {
        using var ctx = new TokenTestContext(o =>
        {
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
            o.CheckRevocation = true;
        });
        var issued = ctx.TokenIssuer.Issue("alice", []);
        Assert.True((await ctx.Validator.ValidateAsync(issued.AccessToken, CancellationToken.None)).Succeeded);

        await ctx.Services.GetRequiredService<IAccessTokenRevocationStore>().RevokeAsync(issued.TokenId, issued.ExpiresAt);

        Assert.Equal("revoked", await ctx.ValidateReasonAsync(issued.AccessToken));
    }

    [Fact]
    public async Task ValidateAsync_RevocationStoreDown_RefusedFailClosed()
    {
        using var ctx = new TokenTestContext(
            o =>
            {
                o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
                o.CheckRevocation = true;
            },
            s => s.AddSingleton<IAccessTokenRevocationStore, UnavailableRevocationStore>());
        var issued = ctx.TokenIssuer.Issue("alice", []);
        Assert.Equal("revocation-unavailable", await ctx.ValidateReasonAsync(issued.AccessToken));
    }

    [Fact]
    public async Task ValidateAsync_ExternalAuthorityWithFixedKey_AcceptsItsTokensOnlyWithItsKeys()
    {
        using var idp = RSA.Create(2048);
        var idpKey = new RsaSecurityKey(idp) { KeyId = "idp-1" };
        using var ctx = new TokenTestContext(o =>
        {
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
            o.AllowedAlgorithms.Add("ES256");
            o.AllowedAlgorithms.Add("RS256");
            var authority = new ExternalTokenAuthority { Issuer = "https://login.test" };
            authority.SigningKeys.Add(idpKey);
            o.ExternalAuthorities.Add(authority);
        });
        var now = ctx.Time.GetUtcNow();
        var external = TokenForge.Rs256(idp, TokenForge.Header("RS256", "idp-1"), TokenForge.Payload(now, issuer: "https://login.test"));
        Assert.True((await ctx.Validator.ValidateAsync(external, CancellationToken.None)).Succeeded);

        // The authority's key cannot vouch for this API's own issuer.
        var crossed = TokenForge.Rs256(idp, TokenForge.Header("RS256", "idp-1"), TokenForge.Payload(now));
        Assert.Equal("unknown-key", await ctx.ValidateReasonAsync(crossed));
    }

    [Fact]
    public async Task ValidateAsync_ExternalAuthorityFromDiscovery_UsesItsJwks()
    {
        // The "authority" is another API of this package: its discovery document points at its JWKS document.
        using var idp = new TokenTestContext(o =>
        {
            o.Issuer = "https://login.test";
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("idp-ec"));
        });
        var jwks = System.Text.Encoding.UTF8.GetString(idp.Services.GetRequiredService<JwksDocument>().Build());
        var retriever = new InMemoryDocumentRetriever(new Dictionary<string, string>
        {
            ["https://login.test/.well-known/openid-configuration"] = """{"issuer":"https://login.test","jwks_uri":"https://login.test/jwks"}""",
            ["https://login.test/jwks"] = jwks,
        });
        using var ctx = new TokenTestContext(o =>
        {
            o.AllowedAlgorithms.Add("ES256");
            o.ExternalAuthorities.Add(new ExternalTokenAuthority
            {
                Issuer = "https://login.test",
                Audience = TokenTestContext.Audience,
                ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    "https://login.test/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever),
            });
        });
        idp.Time.SetUtcNow(ctx.Time.GetUtcNow());
        var token = idp.TokenIssuer.Issue("alice", ["orders.read"]).AccessToken;

        var result = await ctx.Validator.ValidateAsync(token, CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("https://login.test", result.Issuer);
        Assert.Contains("https://login.test/jwks", retriever.Requested);
    }

    // RFC 7515 §4.1.11: a recipient must refuse a token whose crit names an extension it does not understand, and the
    // toolkit understands none; an empty crit, a crit naming a registered name or an absent member are invalid too.
    [Theory]
    [InlineData("""["x-unknown"]""", ""","x-unknown":true""")]
    [InlineData("[]", "")]
    [InlineData("""["exp"]""", "")]
    [InlineData("""["x-absent"]""", "")]
    public async Task ValidateAsync_CritHeaderOwnIssuer_Refused(string crit, string extra)
    {
        using var ctx = new TokenTestContext();
        var header = $$"""{"alg":"ES256","typ":"at+jwt","kid":"ec-1","crit":{{crit}}{{extra}}}""";
        var token = TokenForge.Es256Raw(ctx.EcKey, header, TokenForge.Json(TokenForge.Payload(ctx.Time.GetUtcNow())));
        Assert.Equal("unsupported-crit", await ctx.ValidateReasonAsync(token));
    }

    [Theory]
    [InlineData("""["x-unknown"]""", ""","x-unknown":true""")]
    [InlineData("[]", "")]
    [InlineData("""["exp"]""", "")]
    [InlineData("""["x-absent"]""", "")]
    public async Task ValidateAsync_CritHeaderExternalAuthority_Refused(string crit, string extra)
    {
        using var idp = RSA.Create(2048);
        using var ctx = ExternalAuthorityContext(idp);
        var now = ctx.Time.GetUtcNow();
        var payload = TokenForge.Json(TokenForge.Payload(now, issuer: "https://login.test"));
        Assert.True((await ctx.Validator.ValidateAsync(TokenForge.Rs256Raw(idp, """{"alg":"RS256","typ":"at+jwt","kid":"idp-1"}""", payload), CancellationToken.None)).Succeeded);

        var header = $$"""{"alg":"RS256","typ":"at+jwt","kid":"idp-1","crit":{{crit}}{{extra}}}""";
        Assert.Equal("unsupported-crit", await ctx.ValidateReasonAsync(TokenForge.Rs256Raw(idp, header, payload)));
    }

    // RFC 7519 §2: a NumericDate is a JSON number; a string, boolean, object, array or null is not one.
    [Theory]
    [InlineData("exp", "\"{0}\"")]
    [InlineData("exp", "true")]
    [InlineData("exp", "{{\"v\":{0}}}")]
    [InlineData("exp", "[{0}]")]
    [InlineData("exp", "null")]
    [InlineData("nbf", "\"{0}\"")]
    [InlineData("nbf", "false")]
    [InlineData("nbf", "{{}}")]
    [InlineData("nbf", "[{0}]")]
    [InlineData("iat", "\"{0}\"")]
    [InlineData("iat", "true")]
    [InlineData("iat", "{{}}")]
    [InlineData("iat", "[{0}]")]
    public async Task ValidateAsync_NumericDateNotANumber_Refused(string claim, string shape)
    {
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        var value = (long)payload[claim];
        payload.Remove(claim);
        var raw = $"\"{claim}\":" + string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, value);
        var token = TokenForge.Es256Raw(ctx.EcKey, TokenForge.Json(TokenForge.Header("ES256")), TokenForge.Json(payload, raw));
        Assert.Equal("invalid-numeric-date", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_NumericDatesAsNumbers_Accepted()
    {
        // Guards the shape tests: a fractional NumericDate is a number too, and a nested "exp" is no registered claim.
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        var exp = (long)payload["exp"];
        payload.Remove("exp");
        var raw = $"\"exp\":{exp}.5,\"ext\":{{\"exp\":\"soon\",\"sub\":1}}";
        var token = TokenForge.Es256Raw(ctx.EcKey, TokenForge.Json(TokenForge.Header("ES256")), TokenForge.Json(payload, raw));
        var result = await ctx.Validator.ValidateAsync(token, CancellationToken.None);
        Assert.True(result.Succeeded, result.FailureReason);
    }

    // RFC 7515 §4 / RFC 7519 §4: duplicate member names may be refused, and must be: parsers disagree on which one
    // wins, so a signed token could mean one thing to this API and another to a proxy or a log pipeline.
    [Theory]
    [InlineData("""{"alg":"ES256","typ":"JWT","kid":"ec-1","typ":"at+jwt"}""", null)]
    [InlineData("""{"alg":"ES256","typ":"at+jwt","kid":"ec-1","kid":"ec-1"}""", null)]
    [InlineData("""{"alg":"ES256","typ":"at+jwt","kid":"ec-1","\u006bid":"ec-1"}""", null)]
    [InlineData(null, "\"sub\":\"admin\"")]
    [InlineData(null, "\"\\u0073ub\":\"admin\"")]
    [InlineData(null, "\"scope\":\"admin\"")]
    [InlineData(null, "\"exp\":4102444800")]
    [InlineData(null, "\"cnf\":{\"jkt\":\"a\",\"jkt\":\"b\"}")]
    [InlineData(null, "\"list\":[{\"x\":1},{\"y\":1,\"y\":2}]")]
    public async Task ValidateAsync_DuplicateMemberNames_Refused(string? header, string? payloadDuplicate)
    {
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Json(TokenForge.Payload(ctx.Time.GetUtcNow()), payloadDuplicate);
        var token = TokenForge.Es256Raw(ctx.EcKey, header ?? TokenForge.Json(TokenForge.Header("ES256")), payload);
        Assert.Equal("duplicate-member", await ctx.ValidateReasonAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_SameNameInDifferentObjects_Accepted()
    {
        // Guards the duplicate tests: a name may repeat in sibling and nested objects, just not within one object.
        using var ctx = new TokenTestContext();
        var raw = "\"a\":{\"sub\":1,\"b\":{\"sub\":2}},\"c\":[{\"sub\":3},{\"sub\":4}],\"d\":{\"sub\":5}";
        var token = TokenForge.Es256Raw(ctx.EcKey, TokenForge.Json(TokenForge.Header("ES256")), TokenForge.Json(TokenForge.Payload(ctx.Time.GetUtcNow()), raw));
        var result = await ctx.Validator.ValidateAsync(token, CancellationToken.None);
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task ValidateAsync_LargeTokenWithoutDuplicates_Accepted()
    {
        // Beyond the stack buffer: the pooled path checks the same way.
        using var ctx = new TokenTestContext();
        var payload = TokenForge.Payload(ctx.Time.GetUtcNow());
        for (var i = 0; i < 200; i++)
        {
            payload["c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = i;
        }

        var token = TokenForge.Es256Raw(ctx.EcKey, TokenForge.Json(TokenForge.Header("ES256")), TokenForge.Json(payload));
        Assert.True((await ctx.Validator.ValidateAsync(token, CancellationToken.None)).Succeeded);
        Assert.Equal("duplicate-member", await ctx.ValidateReasonAsync(TokenForge.Es256Raw(ctx.EcKey, TokenForge.Json(TokenForge.Header("ES256")), TokenForge.Json(payload, "\"c7\":7"))));
    }

    private static TokenTestContext ExternalAuthorityContext(RSA idp) => new(o =>
    {
        o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
        o.AllowedAlgorithms.Add("ES256");
        o.AllowedAlgorithms.Add("RS256");
        var authority = new ExternalTokenAuthority { Issuer = "https://login.test" };
        authority.SigningKeys.Add(new RsaSecurityKey(idp) { KeyId = "idp-1" });
        o.ExternalAuthorities.Add(authority);
    });

    private sealed class InMemoryDocumentRetriever(Dictionary<string, string> documents) : IDocumentRetriever
    {
        public List<string> Requested { get; } = [];

        public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            Requested.Add(address);
            return Task.FromResult(documents[address]);
        }
    }

    private sealed class UnavailableRevocationStore : IAccessTokenRevocationStore
    {
        public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
            => throw new StoreUnavailableException("down");

        public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
            => throw new StoreUnavailableException("down");
    }
}
