using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.RequestSigning.Tests;

/// <summary>A verified signature and a second credential (JWT or API key) from the Tokens package on one request.</summary>
public class ConflictingCredentialsTests
{
    private static Task<SigningServer> StartAsync() => SigningServer.StartAsync(hook: b => b.Services.AddSecureApi(api => api
        .AddAccessTokens(o =>
        {
            o.Issuer = "https://issuer.test";
            o.Audience = "signing-tests";
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
        })
        .AddApiKeys(o => o.HashKey = RandomNumberGenerator.GetBytes(32))));

    [Fact]
    public async Task Get_SignatureOfAcmeAndBearerTokenOfMallory_401ConflictingCredentials()
    {
        await using var server = await StartAsync();
        var token = server.App.Services.GetRequiredService<AccessTokenIssuer>().Issue("mallory", ["orders.read"]).AccessToken;
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signed/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemView>();
        Assert.Equal("conflicting-credentials", problem!.Reason);
        Assert.Equal("urn:secureapi:problem:conflicting-credentials", problem.Type);
    }

    [Fact]
    public async Task Get_SignatureOfAcmeAndApiKeyOfAnotherClient_401ConflictingCredentials()
    {
        await using var server = await StartAsync();
        var key = await server.App.Services.GetRequiredService<ApiKeyManager>().CreateAsync("other", ["orders.read"], clientId: "globex");
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signed/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key.Key);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("conflicting-credentials", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_SignatureAndBearerTokenOfTheSameClient_200AsTheSignedClient()
    {
        await using var server = await StartAsync();
        var token = server.App.Services.GetRequiredService<AccessTokenIssuer>().Issue("acme", ["orders.read"], "acme").AccessToken;
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signed/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await response.Content.ReadFromJsonAsync<CallerView>();
        Assert.Equal("sig:acme", caller!.Id);
        Assert.Equal("key-hmac-sha256", caller.KeyId);
    }

    [Fact]
    public async Task Get_SignatureAndApiKeyOfTheSameClient_200AsTheSignedClient()
    {
        await using var server = await StartAsync();
        var key = await server.App.Services.GetRequiredService<ApiKeyManager>().CreateAsync("acme-key", ["orders.read"], clientId: "acme");
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signed/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key.Key);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sig:acme", (await response.Content.ReadFromJsonAsync<CallerView>())!.Id);
    }

    [Fact]
    public async Task Get_BearerTokenAlone_StillServedAsItsSubject()
    {
        await using var server = await StartAsync();
        var token = server.App.Services.GetRequiredService<AccessTokenIssuer>().Issue("mallory", ["orders.read"]).AccessToken;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await server.CreatePlainClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sub:mallory", (await response.Content.ReadFromJsonAsync<CallerView>())!.Id);
    }
}
