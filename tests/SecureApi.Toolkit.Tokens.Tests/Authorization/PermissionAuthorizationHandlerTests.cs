using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Callers;
using NSubstitute;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.Authorization;

public sealed class PermissionAuthorizationHandlerTests
{
    [Fact]
    public async Task HandleRequirement_ConfiguredPermissionClaimTypes_AgreeWithApiCaller()
    {
        // The app reads permissions from its own claim "roles_and_rights" and not from "permissions", which its
        // identity provider uses for something else. Endpoint metadata, imperative (resource-based) checks and
        // GetApiCaller().Permissions must all see the same set.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = await TokenTestServer.StartAsync(
            api =>
            {
                api.Services.Configure<ApiCallerOptions>(o =>
                {
                    o.PermissionClaimTypes.Add("roles_and_rights");
                    o.PermissionClaimTypes.Remove("permissions");
                });
                api.AddAccessTokens(o =>
                {
                    o.Issuer = TokenTestContext.Issuer;
                    o.Audience = TokenTestContext.Audience;
                    o.SigningKeys.Add(AccessTokenSigningKey.Es256(key, "ec-1"));
                });
            },
            app =>
            {
                app.MapGet("/reports", () => "reports").RequirePermission("reports.read");
                app.MapGet("/admin", () => "admin").RequirePermission("admin");
                app.MapGet("/check/{permission}", async (string permission, HttpContext c, IAuthorizationService authorization) =>
                {
                    // Resource-based authorization: the resource is the app's object, not the HttpContext.
                    var result = await authorization.AuthorizeAsync(c.User, new { Report = 7 }, new RequirePermissionAttribute(permission).GetRequirements());
                    return result.Succeeded ? "yes" : "no";
                }).RequireAuthorization();
            });
        var payload = TokenForge.Payload(server.Time.GetUtcNow());
        payload["scope"] = "orders.read";
        payload["roles_and_rights"] = "reports.read";
        payload["permissions"] = "admin";
        var token = TokenForge.Es256(key, TokenForge.Header("ES256"), payload);

        using var me = await server.GetAsync("/me", "Bearer", token);
        using var body = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Equal(["orders.read", "reports.read"], body.RootElement.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/reports", "Bearer", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/orders", "Bearer", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.GetAsync("/admin", "Bearer", token)).StatusCode);
        Assert.Equal("yes", await (await server.GetAsync("/check/reports.read", "Bearer", token)).Content.ReadAsStringAsync());
        Assert.Equal("yes", await (await server.GetAsync("/check/orders.read", "Bearer", token)).Content.ReadAsStringAsync());
        Assert.Equal("no", await (await server.GetAsync("/check/admin", "Bearer", token)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HandleRequirement_ResourceNotTheRequest_ReadsConfiguredClaimTypes()
    {
        var options = new ApiCallerOptions();
        options.PermissionClaimTypes.Add("roles_and_rights");
        var monitor = Substitute.For<Microsoft.Extensions.Options.IOptionsMonitor<ApiCallerOptions>>();
        monitor.CurrentValue.Returns(options);
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new("roles_and_rights", "reports.read")], "test"));
        var requirement = new PermissionRequirement(["reports.read"], PermissionMatch.Any);
        var context = new AuthorizationHandlerContext([requirement], user, resource: new object());

        await new PermissionAuthorizationHandler(monitor).HandleAsync(context);

        Assert.True(context.HasSucceeded);
    }
}
