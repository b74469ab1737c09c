using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using SecureApi.Toolkit.Callers;

namespace SecureApi.Toolkit.Tests.Callers;

public class ClientAddressResolverTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.2");

    private static ApiCallerOptions Trusting(params string[] proxies)
    {
        var options = new ApiCallerOptions();
        foreach (var proxy in proxies)
        {
            options.TrustedProxies.Add(IPAddress.Parse(proxy));
        }

        return options;
    }

    [Fact]
    public void Resolve_UntrustedConnection_IgnoresForwardedHeader()
    {
        var address = ClientAddressResolver.Resolve(IPAddress.Parse("198.51.100.1"), "203.0.113.7", Trusting("10.0.0.2"));

        Assert.Equal(IPAddress.Parse("198.51.100.1"), address);
    }

    [Fact]
    public void Resolve_TrustedProxy_TakesRightmostUntrustedHop()
    {
        // The client wrote a spoofed "1.2.3.4"; the trusted proxy appended the real client 203.0.113.7.
        var address = ClientAddressResolver.Resolve(Proxy, "1.2.3.4, 203.0.113.7", Trusting("10.0.0.2"));

        Assert.Equal(IPAddress.Parse("203.0.113.7"), address);
    }

    [Fact]
    public void Resolve_ChainOfTrustedProxies_SkipsThemAll()
    {
        var options = Trusting("10.0.0.2");
        options.TrustedNetworks.Add(System.Net.IPNetwork.Parse("172.16.0.0/12"));

        var address = ClientAddressResolver.Resolve(Proxy, new StringValues(["203.0.113.7, 172.16.5.5", "172.20.1.1"]), options);

        Assert.Equal(IPAddress.Parse("203.0.113.7"), address);
    }

    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("[2001:db8::1")]
    [InlineData("203.0.113.7, garbage")]
    [InlineData("203.0.113.7:99999")]
    [InlineData("203.0.113.7:")]
    [InlineData("203.0.113.7:+443")]
    [InlineData("[2001:db8::1]x")]
    [InlineData("[2001:db8::1]:443x")]
    [InlineData("198.51.100.1, 203.0.113.7:abc")]
    public void Resolve_MalformedEntry_StopsAtLastTrustedHop(string header)
    {
        var address = ClientAddressResolver.Resolve(Proxy, header, Trusting("10.0.0.2"));

        Assert.Equal(Proxy, address);
    }

    [Fact]
    public void Resolve_BracketedIPv6WithPort_IsParsed()
    {
        var address = ClientAddressResolver.Resolve(Proxy, "[2001:db8::7]:443", Trusting("10.0.0.2"));

        Assert.Equal(IPAddress.Parse("2001:db8::7"), address);
    }

    [Fact]
    public void Resolve_IPv4MappedConnection_IsNormalizedBeforeTrustCheck()
    {
        var address = ClientAddressResolver.Resolve(IPAddress.Parse("::ffff:10.0.0.2"), "203.0.113.7", Trusting("10.0.0.2"));

        Assert.Equal(IPAddress.Parse("203.0.113.7"), address);
    }

    [Theory]
    [InlineData("203.0.113.9:443", "203.0.113.9")]
    [InlineData("203.0.113.9:0", "203.0.113.9")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("  203.0.113.9:65535  ", "203.0.113.9")]
    [InlineData("[::ffff:203.0.113.9]:443", "203.0.113.9")]
    public void Resolve_EntryWithOrWithoutPort_IsTheClient(string header, string expected)
    {
        var address = ClientAddressResolver.Resolve(Proxy, header, Trusting("10.0.0.2"));

        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Fact]
    public void Resolve_PortSuffixedChain_SkipsTrustedHopsWithPorts()
    {
        var options = Trusting("10.0.0.2", "10.0.0.3");

        var address = ClientAddressResolver.Resolve(Proxy, new StringValues(["1.2.3.4:80, 203.0.113.9:51234", ",10.0.0.3:8080 ,"]), options);

        Assert.Equal(IPAddress.Parse("203.0.113.9"), address);
    }

    [Fact]
    public void Resolve_MalformedEntryLeftOfTrustedHopWithPort_StopsAtThatHop()
    {
        var address = ClientAddressResolver.Resolve(Proxy, "203.0.113.9, bogus, 10.0.0.3:443", Trusting("10.0.0.2", "10.0.0.3"));

        Assert.Equal(IPAddress.Parse("10.0.0.3"), address);
    }

    [Theory]
    [InlineData("203.0.113.9:443", "ip:203.0.113.9")]
    [InlineData("[2001:db8:1:2::9]:443", "ip:2001:db8:1:2::/64")]
    public async Task GetApiCaller_BehindProxyThatAppendsPorts_IdentifiesTheClient(string forwarded, string expectedId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSecureApi(_ => { });
        builder.Services.Configure<ApiCallerOptions>(o => o.TrustedProxies.Add(Proxy));
        await using var app = builder.Build();
        app.MapGet("/whoami", (HttpContext context) => context.GetApiCaller().Id);
        await app.StartAsync();

        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/whoami";
            c.Connection.RemoteIpAddress = Proxy;
            c.Request.Headers["X-Forwarded-For"] = forwarded;
        });

        Assert.Equal(200, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body);
        Assert.Equal(expectedId, await reader.ReadToEndAsync());
    }
}
