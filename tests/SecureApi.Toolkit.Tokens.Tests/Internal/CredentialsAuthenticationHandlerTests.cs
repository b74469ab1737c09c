using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace SecureApi.Toolkit.Tokens.Tests.Internal;

public sealed class CredentialsAuthenticationHandlerTests
{
    private static async Task<(ServiceProvider Services, string Key)> StartAsync()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api => api.AddApiKeys(o => o.HashKey = RandomNumberGenerator.GetBytes(32)));
        var provider = services.BuildServiceProvider();
        var created = await provider.GetRequiredService<ApiKeyManager>().CreateAsync("reporting", ["orders.read"]);
        return (provider, created.Key);
    }

    private static DefaultHttpContext Request(IServiceScope scope, string? authorization)
    {
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    [Fact]
    public async Task AuthenticateAsync_DefaultSchemeWithApiKey_IsTheApiKeySchemesOwnResult()
    {
        var (services, key) = await StartAsync();
        await using var _ = services;
        await using var scope = services.CreateAsyncScope();
        var context = Request(scope, "ApiKey " + key);

        var viaDefault = await context.AuthenticateAsync();
        var direct = await context.AuthenticateAsync(TokenAuthenticationSchemes.ApiKey);

        Assert.True(viaDefault.Succeeded);
        Assert.Equal(TokenAuthenticationSchemes.ApiKey, viaDefault.Ticket!.AuthenticationScheme);
        Assert.Same(direct.Principal, viaDefault.Principal);
    }

    [Fact]
    public async Task AuthenticateAsync_DefaultSchemeWithoutCredential_NoResult()
    {
        var (services, _) = await StartAsync();
        await using var __ = services;
        await using var scope = services.CreateAsyncScope();

        var result = await Request(scope, null).AuthenticateAsync();

        Assert.True(result.None);
    }

    [Fact]
    public async Task ChallengeAsync_DefaultSchemeAfterRefusedKey_ApiKeySchemeChallenges()
    {
        var (services, key) = await StartAsync();
        await using var _ = services;
        await using var scope = services.CreateAsyncScope();
        var context = Request(scope, "ApiKey " + key[..^1] + (key[^1] == 'a' ? 'b' : 'a'));

        Assert.True((await context.AuthenticateAsync()).Failure is not null);
        await context.ChallengeAsync();

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal("ApiKey", context.Response.Headers[HeaderNames.WWWAuthenticate].ToString());
    }

    [Fact]
    public async Task ForbidAsync_DefaultSchemeWithApiKey_ForwardedToApiKeyScheme()
    {
        var (services, key) = await StartAsync();
        await using var _ = services;
        await using var scope = services.CreateAsyncScope();
        var context = Request(scope, "ApiKey " + key);

        await context.ForbidAsync();

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
    }
}
