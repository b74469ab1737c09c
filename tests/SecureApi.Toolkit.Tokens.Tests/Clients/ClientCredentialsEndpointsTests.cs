using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.Clients;

public sealed class ClientCredentialsEndpointsTests
{
    internal static Task<TokenTestServer> StartAsync() => TokenTestServer.StartAsync(
        api =>
        {
            api.AddArgon2Hashing();
            api.AddAccessTokens(o =>
            {
                o.Issuer = TokenTestContext.Issuer;
                o.Audience = TokenTestContext.Audience;
                o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
            });
            api.AddClientCredentials();
        },
        app =>
        {
            app.MapClientCredentialsToken();
            app.MapClientActivation();
        });

    private static HttpRequestMessage TokenRequest(Dictionary<string, string> form, string? basicId = null, string? basicSecret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new FormUrlEncodedContent(form) };
        if (basicId is not null)
        {
            var pair = Uri.EscapeDataString(basicId) + ":" + Uri.EscapeDataString(basicSecret!);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        return request;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Token_ClientSecretBasic_IssuesTokenLimitedToClientPermissions()
    {
        await using var server = await StartAsync();
        var client = await server.Services.GetRequiredService<ClientCredentialsManager>().RegisterAsync("partner-1", ["orders.read", "customers.read"]);

        using var response = await server.Client.SendAsync(TokenRequest(new() { ["grant_type"] = "client_credentials" }, client.ClientId, client.ClientSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var body = await JsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(600, body.GetProperty("expires_in").GetInt64());
        Assert.Equal("orders.read customers.read", body.GetProperty("scope").GetString());
        var payload = TokenForge.DecodePart(body.GetProperty("access_token").GetString()!, 1);
        Assert.Equal("partner-1", payload.GetProperty("sub").GetString());
        Assert.Equal("partner-1", payload.GetProperty("client_id").GetString());

        using var orders = await server.GetAsync("/orders", "Bearer", body.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        using var both = await server.GetAsync("/both", "Bearer", body.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, both.StatusCode);
    }

    [Fact]
    public async Task Token_ClientSecretPostWithSubsetScope_GrantsTheSubset()
    {
        await using var server = await StartAsync();
        var client = await server.Services.GetRequiredService<ClientCredentialsManager>().RegisterAsync("partner-2", ["orders.read", "customers.read"]);

        using var response = await server.Client.SendAsync(TokenRequest(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
            ["scope"] = "customers.read",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("customers.read", (await JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Token_ScopeBeyondClientPermissions_InvalidScope()
    {
        await using var server = await StartAsync();
        var client = await server.Services.GetRequiredService<ClientCredentialsManager>().RegisterAsync("partner-3", ["orders.read"]);
        using var response = await server.Client.SendAsync(TokenRequest(new() { ["grant_type"] = "client_credentials", ["scope"] = "orders.read admin" }, client.ClientId, client.ClientSecret));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WrongSecret_InvalidClientWithBasicChallengeAndSignal()
    {
        await using var server = await StartAsync();
        var client = await server.Services.GetRequiredService<ClientCredentialsManager>().RegisterAsync("partner-4", ["orders.read"]);

        using var response = await server.Client.SendAsync(TokenRequest(new() { ["grant_type"] = "client_credentials" }, client.ClientId, client.ClientSecret + "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("invalid_client", JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain(client.ClientSecret, text, StringComparison.Ordinal);
        Assert.Equal(SecuritySignalKind.AuthenticationFailed, Assert.Single(server.Signals.Signals).Kind);
    }

    [Fact]
    public async Task Token_UnknownClientViaPost_InvalidClientWithoutBasicChallenge()
    {
        await using var server = await StartAsync();
        using var response = await server.Client.SendAsync(TokenRequest(new() { ["grant_type"] = "client_credentials", ["client_id"] = "nobody", ["client_secret"] = "guess" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Equal("invalid_client", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_BothAuthenticationMethods_InvalidRequest()
    {
        await using var server = await StartAsync();
        var client = await server.Services.GetRequiredService<ClientCredentialsManager>().RegisterAsync("partner-5", ["orders.read"]);
        using var response = await server.Client.SendAsync(TokenRequest(new() { ["grant_type"] = "client_credentials", ["client_secret"] = client.ClientSecret }, client.ClientId, client.ClientSecret));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("password", "unsupported_grant_type")]
    [InlineData("", "invalid_request")]
    public async Task Token_BadGrantType_StandardError(string grantType, string error)
    {
        await using var server = await StartAsync();
        using var response = await server.Client.SendAsync(TokenRequest(new() { ["grant_type"] = grantType, ["client_id"] = "a", ["client_secret"] = "b" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_JsonBody_InvalidRequest()
    {
        await using var server = await StartAsync();
        using var response = await server.Client.PostAsync("/oauth/token", new StringContent("{\"grant_type\":\"client_credentials\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Activate_CodeRedeemedOnceThenTokenEndpointWorks()
    {
        await using var server = await StartAsync();
        var code = await server.Services.GetRequiredService<ClientCredentialsManager>().IssueActivationCodeAsync("shop-app", ["orders.read"]);
        Assert.StartsWith("sac_", code.Code, StringComparison.Ordinal);

        using var first = await server.Client.PostAsync("/oauth/activate", new FormUrlEncodedContent(new Dictionary<string, string> { ["activation_code"] = code.Code }));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl!.ToString());
        var credentials = await JsonAsync(first);
        Assert.Equal("shop-app", credentials.GetProperty("client_id").GetString());
        Assert.Equal("orders.read", credentials.GetProperty("scope").GetString());

        using var second = await server.Client.PostAsync("/oauth/activate", new FormUrlEncodedContent(new Dictionary<string, string> { ["activation_code"] = code.Code }));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", (await JsonAsync(second)).GetProperty("error").GetString());

        using var token = await server.Client.SendAsync(TokenRequest(new() { ["grant_type"] = "client_credentials" }, "shop-app", credentials.GetProperty("client_secret").GetString()));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Activate_ExpiredCode_InvalidGrant()
    {
        await using var server = await StartAsync();
        var code = await server.Services.GetRequiredService<ClientCredentialsManager>().IssueActivationCodeAsync("late-app", ["orders.read"], TimeSpan.FromDays(30));
        server.Time.Advance(TimeSpan.FromDays(30));
        using var response = await server.Client.PostAsync("/oauth/activate", new FormUrlEncodedContent(new Dictionary<string, string> { ["activation_code"] = code.Code }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("activation-code-invalid", Assert.Single(server.Signals.Signals).Reason);
    }

    [Fact]
    public void MapClientCredentialsToken_WithoutHashing_ThrowsActionableError()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddSecureApi(api => api.AddAccessTokens(o =>
        {
            o.Issuer = TokenTestContext.Issuer;
            o.Audience = TokenTestContext.Audience;
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
        }).AddClientCredentials());
        using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapClientCredentialsToken());
        Assert.Contains("AddArgon2Hashing", error.Message, StringComparison.Ordinal);
    }
}
