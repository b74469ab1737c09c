using System.Net;
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
}
