using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Callers;

namespace SecureApi.Toolkit.Tests.Callers;

public class ApiCallerResolutionTests
{
    private static DefaultHttpContext Context(Action<ApiCallerOptions>? configure = null, ClaimsPrincipal? user = null, string remote = "203.0.113.7")
    {
        var services = new ServiceCollection().AddSecureApi(_ => { });
        if (configure is not null)
        {
            services.Configure(configure);
        }

        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (user is not null)
        {
            context.User = user;
        }

        return context;
    }

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Test"));

    [Fact]
    public void GetApiCaller_Anonymous_IsIdentifiedByAddress()
    {
        var caller = Context().GetApiCaller();

        Assert.Equal(ApiCallerKind.AnonymousAddress, caller.Kind);
        Assert.Equal("ip:203.0.113.7", caller.Id);
        Assert.False(caller.IsAuthenticated);
        Assert.Empty(caller.Permissions);
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "ip:2001:db8:1:2::/64")]
    [InlineData("::ffff:198.51.100.9", "ip:198.51.100.9")]
    public void GetApiCaller_AnonymousIPv6_IsGroupedByPrefix(string address, string expected)
    {
        Assert.Equal(expected, Context(remote: address).GetApiCaller().Id);
    }

    [Fact]
    public void GetApiCaller_IPv6PrefixLength_IsConfigurable()
    {
        var caller = Context(o => o.IPv6PrefixLength = 48, remote: "2001:db8:1:2::1").GetApiCaller();

        Assert.Equal("ip:2001:db8:1::/48", caller.Id);
    }

    [Fact]
    public void GetApiCaller_TokenSubject_NormalizesEveryPermissionShape()
    {
        var user = User(("sub", "alice"), ("client_id", "app-1"), ("scope", "orders.read  orders.write"), ("scp", "customers.read"),
            ("permission", "a.b"), ("permissions", "c.d"), ("permissions", "orders.read"));

        var caller = Context(user: user).GetApiCaller();

        Assert.Equal(ApiCallerKind.TokenSubject, caller.Kind);
        Assert.Equal("sub:alice", caller.Id);
        Assert.Equal("app-1", caller.ClientId);
        Assert.Equal(new[] { "a.b", "c.d", "customers.read", "orders.read", "orders.write" }, caller.Permissions.Order());
        Assert.True(caller.HasPermission("orders.write"));
        Assert.False(caller.HasPermission("Orders.Write"));
    }

    [Theory]
    [InlineData(ApiCallerClaimTypes.KindSignedClient, ApiCallerKind.SignedClient, "sig:partner-7")]
    [InlineData(ApiCallerClaimTypes.KindApiKey, ApiCallerKind.ApiKey, "key:partner-7")]
    public void GetApiCaller_KindClaim_SelectsKindAndPrefix(string kindValue, ApiCallerKind kind, string id)
    {
        var caller = Context(user: User(("secureapi_caller_kind", kindValue), ("client_id", "partner-7"))).GetApiCaller();

        Assert.Equal(kind, caller.Kind);
        Assert.Equal(id, caller.Id);
    }

    [Fact]
    public void GetApiCaller_ClaimTypes_AreConfigurable()
    {
        var user = User(("uid", "bob"), ("roles_and_rights", "x.read"));

        var caller = Context(o => { o.CallerIdClaimType = "uid"; o.PermissionClaimTypes.Add("roles_and_rights"); }, user).GetApiCaller();

        Assert.Equal("sub:bob", caller.Id);
        Assert.Contains("x.read", caller.Permissions);
    }

    [Fact]
    public void GetApiCaller_NameIdentifier_IsTheFallbackId()
    {
        var caller = Context(user: User((ClaimTypes.NameIdentifier, "carol"))).GetApiCaller();

        Assert.Equal("sub:carol", caller.Id);
    }

    [Fact]
    public void GetApiCaller_AuthenticatedWithoutAnyId_FallsBackToAddress()
    {
        var caller = Context(user: User(("scope", "orders.read"))).GetApiCaller();

        Assert.Equal(ApiCallerKind.AnonymousAddress, caller.Kind);
        Assert.Equal("ip:203.0.113.7", caller.Id);
        Assert.Empty(caller.Permissions);
    }

    [Fact]
    public void GetApiCaller_IsComputedOncePerUser_AndAgainWhenUserChanges()
    {
        var context = Context();
        var first = context.GetApiCaller();
        Assert.Same(first, context.GetApiCaller());

        context.User = User(("sub", "alice"));
        var second = context.GetApiCaller();

        Assert.NotSame(first, second);
        Assert.Equal("sub:alice", second.Id);
        Assert.Same(second, context.Features.Get<IApiCallerFeature>()!.Caller);
    }

    [Fact]
    public void GetApiCaller_WithoutAddSecureApi_ThrowsActionableMessage()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };

        var error = Assert.Throws<InvalidOperationException>(() => context.GetApiCaller());
        Assert.Contains("AddSecureApi", error.Message, StringComparison.Ordinal);
    }
}
