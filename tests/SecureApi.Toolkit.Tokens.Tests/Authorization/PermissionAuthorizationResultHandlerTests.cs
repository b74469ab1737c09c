using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Tokens.Tests.AccessTokens;

namespace SecureApi.Toolkit.Tokens.Tests.Authorization;

public sealed class PermissionAuthorizationResultHandlerTests
{
    [Theory]
    [InlineData("/orders", new[] { "orders.read" }, HttpStatusCode.OK)]
    [InlineData("/orders", new[] { "customers.read" }, HttpStatusCode.Forbidden)]
    [InlineData("/orders-or-admin", new[] { "orders.write" }, HttpStatusCode.OK)]
    [InlineData("/orders-or-admin", new[] { "orders.read" }, HttpStatusCode.Forbidden)]
    [InlineData("/both", new[] { "orders.read", "admin" }, HttpStatusCode.OK)]
    [InlineData("/both", new[] { "orders.read" }, HttpStatusCode.Forbidden)]
    [InlineData("/attribute", new[] { "orders.read" }, HttpStatusCode.OK)]
    [InlineData("/attribute", new string[0], HttpStatusCode.Forbidden)]
    public async Task Handle_Permissions_AllowOrForbid(string path, string[] held, HttpStatusCode expected)
    {
        await using var server = await AccessTokenAuthenticationHandlerTests.StartAsync();
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", held).AccessToken;
        using var response = await server.GetAsync(path, "Bearer", token);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Handle_Forbidden_ProblemListsOnlyRequiredNamesAndReportsSignal()
    {
        await using var server = await AccessTokenAuthenticationHandlerTests.StartAsync();
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read", "secret.thing"]).AccessToken;

        using var response = await server.GetAsync("/both", "Bearer", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("urn:secureapi:problem:permission-denied", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(["orders.read", "admin"], body.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("all", body.RootElement.GetProperty("match").GetString());
        Assert.DoesNotContain("secret.thing", text, StringComparison.Ordinal);
        var signal = Assert.Single(server.Signals.Signals);
        Assert.Equal(SecuritySignalKind.PermissionDenied, signal.Kind);
        Assert.Equal("/both", signal.ResourceId);
    }

    [Fact]
    public async Task Handle_Anonymous_ChallengedNotForbidden()
    {
        await using var server = await AccessTokenAuthenticationHandlerTests.StartAsync();
        using var response = await server.GetAsync("/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
