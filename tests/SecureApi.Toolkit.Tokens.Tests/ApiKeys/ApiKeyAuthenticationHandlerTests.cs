using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.ApiKeys;

public sealed class ApiKeyAuthenticationHandlerTests
{
    private static Task<TokenTestServer> StartAsync(Action<IServiceCollection>? services = null) => TokenTestServer.StartAsync(api =>
    {
        services?.Invoke(api.Services);
        api.AddApiKeys(o =>
        {
            o.HashKey = RandomNumberGenerator.GetBytes(32);
            o.HeaderName = "X-Api-Key";
        });
        api.AddAccessTokens(o =>
        {
            o.Issuer = TokenTestContext.Issuer;
            o.Audience = TokenTestContext.Audience;
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
        });
    });

    [Fact]
    public async Task Authenticate_TwoKeysOfOneClient_ResolveToOneCaller()
    {
        await using var server = await StartAsync();
        var manager = server.Services.GetRequiredService<ApiKeyManager>();
        var first = await manager.CreateAsync("reporting", ["orders.read"], clientId: "partner-1");
        var second = await manager.CreateAsync("exports", ["orders.read"], clientId: "partner-1");
        var other = await manager.CreateAsync("reporting", ["orders.read"], clientId: "partner-2");
        var clientless = await manager.CreateAsync("ops", ["orders.read"]);

        var ids = new List<string?>();
        foreach (var key in new[] { first, second, other, clientless })
        {
            using var response = await server.GetAsync("/me", "ApiKey", key.Key);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            ids.Add(body.RootElement.GetProperty("id").GetString());
        }

        Assert.Equal(["key:partner-1", "key:partner-1", "key:partner-2", "key:" + clientless.KeyId], ids);
    }

    [Fact]
    public async Task Authenticate_KeyOfClient_KeepsKeyIdAsClaim()
    {
        string? keyId = null;
        await using var server = await TokenTestServer.StartAsync(
            api => api.AddApiKeys(o => o.HashKey = RandomNumberGenerator.GetBytes(32)),
            app => app.MapGet("/key", (Microsoft.AspNetCore.Http.HttpContext c) => keyId = c.User.FindFirst(ApiKeyClaimTypes.KeyId)?.Value).RequireAuthorization());
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"], clientId: "partner-1");

        using var response = await server.GetAsync("/key", "ApiKey", created.Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created.KeyId, keyId);
    }

    [Fact]
    public async Task Authenticate_CallerIsClientOff_EachKeyIsItsOwnCaller()
    {
        await using var server = await TokenTestServer.StartAsync(api => api.AddApiKeys(o =>
        {
            o.HashKey = RandomNumberGenerator.GetBytes(32);
            o.CallerIsClient = false;
        }));
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"], clientId: "partner-1");

        using var response = await server.GetAsync("/me", "ApiKey", created.Key);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("key:" + created.KeyId, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("partner-1", body.RootElement.GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task Authenticate_KeysOfOneClient_ShareOneRateLimitBudget()
    {
        await using var server = await TokenTestServer.StartAsync(api =>
        {
            api.AddApiKeys(o => o.HashKey = RandomNumberGenerator.GetBytes(32));
            api.AddRateLimiting(o =>
            {
                o.AddFixedWindow("per-caller", 2, TimeSpan.FromMinutes(1));
                o.GlobalPolicies.Add("per-caller");
            });
        });
        var manager = server.Services.GetRequiredService<ApiKeyManager>();
        var first = await manager.CreateAsync("reporting", ["orders.read"], clientId: "partner-1");
        var second = await manager.CreateAsync("exports", ["orders.read"], clientId: "partner-1");
        var other = await manager.CreateAsync("reporting", ["orders.read"], clientId: "partner-2");

        var statuses = new List<HttpStatusCode>();
        foreach (var key in new[] { first, second, second, other })
        {
            using var response = await server.GetAsync("/orders", "ApiKey", key.Key);
            statuses.Add(response.StatusCode);
        }

        // Three requests of partner-1 with two keys against a budget of two; partner-2 has its own.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Authenticate_ValidKeyInAuthorization_ProjectsOntoApiCaller()
    {
        await using var server = await StartAsync();
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"], clientId: "partner-1");

        using var response = await server.GetAsync("/me", "ApiKey", created.Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("key:partner-1", body.RootElement.GetProperty("id").GetString());
        Assert.Equal("ApiKey", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("partner-1", body.RootElement.GetProperty("clientId").GetString());
        Assert.Equal(["orders.read"], body.RootElement.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Authenticate_ValidKeyInConfiguredHeader_Accepted()
    {
        await using var server = await StartAsync();
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Add("X-Api-Key", created.Key);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Authenticate_RevokedKey_WorksThenStops()
    {
        await using var server = await StartAsync();
        var manager = server.Services.GetRequiredService<ApiKeyManager>();
        var created = await manager.CreateAsync("reporting", ["orders.read"]);
        using (var before = await server.GetAsync("/orders", "ApiKey", created.Key))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.True(await manager.RevokeAsync(created.KeyId));

        using var after = await server.GetAsync("/orders", "ApiKey", created.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("ApiKey", after.Headers.WwwAuthenticate.ToString());
        Assert.Equal("api-key-revoked", Assert.Single(server.Signals.Signals).Reason);
    }

    [Fact]
    public async Task Authenticate_ExpiredKey_Refused()
    {
        await using var server = await StartAsync();
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("short", ["orders.read"], lifetime: TimeSpan.FromHours(1));
        server.Time.Advance(TimeSpan.FromHours(1));
        using var response = await server.GetAsync("/orders", "ApiKey", created.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("api-key-expired", Assert.Single(server.Signals.Signals).Reason);
    }

    [Fact]
    public async Task Authenticate_Typo_RefusedWithoutStoreLookup()
    {
        var store = new CountingStore();
        await using var server = await StartAsync(s => s.AddSingleton<IApiKeyStore>(store));
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"]);
        var typo = created.Key[..^1] + (created.Key[^1] == 'a' ? 'b' : 'a');
        var lookupsBefore = store.Finds;

        using var response = await server.GetAsync("/orders", "ApiKey", typo);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("api-key-checksum", Assert.Single(server.Signals.Signals).Reason);
        Assert.Equal(lookupsBefore, store.Finds);
    }

    [Fact]
    public async Task Authenticate_WellFormedUnknownKey_Refused()
    {
        await using var server = await StartAsync();
        var (key, _) = ApiKeyFormat.Create("sak");
        using var response = await server.GetAsync("/orders", "ApiKey", key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("api-key-unknown", Assert.Single(server.Signals.Signals).Reason);
    }

    [Fact]
    public async Task Authenticate_Use_RecordsLastUsedAtResolution()
    {
        await using var server = await StartAsync();
        var manager = server.Services.GetRequiredService<ApiKeyManager>();
        var created = await manager.CreateAsync("reporting", ["orders.read"]);
        var first = server.Time.GetUtcNow();
        (await server.GetAsync("/orders", "ApiKey", created.Key)).Dispose();
        server.Time.Advance(TimeSpan.FromSeconds(10));
        (await server.GetAsync("/orders", "ApiKey", created.Key)).Dispose();
        Assert.Equal(first, (await manager.FindAsync(created.KeyId))!.LastUsedAt);

        server.Time.Advance(TimeSpan.FromMinutes(1));
        (await server.GetAsync("/orders", "ApiKey", created.Key)).Dispose();
        Assert.Equal(server.Time.GetUtcNow(), (await manager.FindAsync(created.KeyId))!.LastUsedAt);
    }

    [Fact]
    public async Task Authenticate_StoreDown_RefusedFailClosed()
    {
        var store = new CountingStore();
        await using var server = await StartAsync(s => s.AddSingleton<IApiKeyStore>(store));
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"]);
        store.Down = true;
        using var response = await server.GetAsync("/orders", "ApiKey", created.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("store-unavailable", Assert.Single(server.Signals.Signals).Reason);
    }

    [Fact]
    public async Task Authenticate_BearerTokenNextToApiKeys_StillGoesToTokenScheme()
    {
        await using var server = await StartAsync();
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read"]).AccessToken;
        using var response = await server.GetAsync("/orders", "Bearer", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Create_StoresOnlyTheKeyedHash()
    {
        var store = new CountingStore();
        await using var server = await StartAsync(s => s.AddSingleton<IApiKeyStore>(store));
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"]);
        var record = Assert.Single(store.Records.Values);
        Assert.DoesNotContain(created.Key[12..40], JsonSerializer.Serialize(record), StringComparison.Ordinal);
        Assert.Equal(created.KeyId, record.KeyId);
        Assert.Equal(server.Time.GetUtcNow().AddDays(90), record.ExpiresAt);
    }

    [Fact]
    public async Task Authenticate_RevokedAfterCachedVerification_RefusedAtOnce()
    {
        await using var server = await StartAsync();
        var manager = server.Services.GetRequiredService<ApiKeyManager>();
        var verified = server.Services.GetRequiredService<ApiKeyAuthenticator>().VerifiedKeys;
        var created = await manager.CreateAsync("reporting", ["orders.read"]);
        for (var i = 0; i < 2; i++)
        {
            using var ok = await server.GetAsync("/orders", "ApiKey", created.Key);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(1, verified.Count);
        Assert.True(await manager.RevokeAsync(created.KeyId));

        using var after = await server.GetAsync("/orders", "ApiKey", created.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("api-key-revoked", Assert.Single(server.Signals.Signals).Reason);
        Assert.Equal(0, verified.Count);
    }

    [Fact]
    public async Task Authenticate_OtherSecretForCachedKeyId_RefusedAndRealKeyStillWorks()
    {
        await using var server = await StartAsync();
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"]);
        (await server.GetAsync("/orders", "ApiKey", created.Key)).Dispose();
        var body = created.Key[..^ApiKeyFormat.ChecksumLength];
        var otherBody = body[..^1] + (body[^1] == 'a' ? 'b' : 'a');
        var forged = otherBody + ApiKeyFormat.Checksum(otherBody);

        using (var refused = await server.GetAsync("/orders", "ApiKey", forged))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal("api-key-unknown", Assert.Single(server.Signals.Signals).Reason);
        using var real = await server.GetAsync("/orders", "ApiKey", created.Key);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
    }

    [Fact]
    public async Task Authenticate_PermissionsChangedInStoreAfterCachedVerification_NewPermissionsAtOnce()
    {
        var store = new CountingStore();
        await using var server = await StartAsync(s => s.AddSingleton<IApiKeyStore>(store));
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"]);
        (await server.GetAsync("/orders", "ApiKey", created.Key)).Dispose();
        var record = store.Records[created.KeyId];
        store.Records[created.KeyId] = new ApiKeyRecord { KeyId = record.KeyId, Hash = record.Hash, Permissions = ["customers.read"] };

        using (var me = await server.GetAsync("/me", "ApiKey", created.Key))
        {
            using var json = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
            Assert.Equal(["customers.read"], json.RootElement.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));
        }

        using var orders = await server.GetAsync("/orders", "ApiKey", created.Key);
        Assert.Equal(HttpStatusCode.Forbidden, orders.StatusCode);
    }

    [Fact]
    public async Task Authenticate_StoreSlowToShowLastUse_OneWritePerResolution()
    {
        // This store never reflects the writes in LastUsedAt, as a store whose writes land late would look.
        var store = new CountingStore();
        await using var server = await StartAsync(s => s.AddSingleton<IApiKeyStore>(store));
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"]);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await server.GetAsync("/orders", "ApiKey", created.Key);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal([server.Time.GetUtcNow()], store.Uses);
        server.Time.Advance(TimeSpan.FromSeconds(59));
        (await server.GetAsync("/orders", "ApiKey", created.Key)).Dispose();
        Assert.Single(store.Uses);

        server.Time.Advance(TimeSpan.FromSeconds(1));
        (await server.GetAsync("/orders", "ApiKey", created.Key)).Dispose();
        Assert.Equal(2, store.Uses.Count);
        Assert.Equal(server.Time.GetUtcNow(), store.Uses[^1]);
    }

    [Fact]
    public async Task Authenticate_VerifiedKeyCacheSizeZero_AuthenticatesAndKeepsNoKey()
    {
        await using var server = await StartAsync(s => s.Configure<ApiKeyOptions>(o => o.VerifiedKeyCacheSize = 0));
        var created = await server.Services.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"]);
        for (var i = 0; i < 2; i++)
        {
            using var ok = await server.GetAsync("/orders", "ApiKey", created.Key);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(0, server.Services.GetRequiredService<ApiKeyAuthenticator>().VerifiedKeys.Count);
    }

    private sealed class CountingStore : IApiKeyStore
    {
        public Dictionary<string, ApiKeyRecord> Records { get; } = [];

        public int Finds { get; private set; }

        public bool Down { get; set; }

        public ValueTask<bool> CreateAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(Records.TryAdd(record.KeyId, record));

        public ValueTask<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken = default)
        {
            Finds++;
            return Down ? throw new StoreUnavailableException("down") : ValueTask.FromResult(Records.GetValueOrDefault(keyId));
        }

        public ValueTask<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(false);

        public List<DateTimeOffset> Uses { get; } = [];

        public ValueTask RecordUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
        {
            Uses.Add(usedAt);
            return ValueTask.CompletedTask;
        }
    }
}
