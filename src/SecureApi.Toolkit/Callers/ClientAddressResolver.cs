using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Primitives;

namespace SecureApi.Toolkit.Callers;

/// <summary>
/// Finds the client's address: the connection's address, unless the connection comes from a trusted proxy, in
/// which case the forwarded chain is walked from the right and the first address that is not a trusted proxy wins.
/// A malformed entry stops the walk at the last trusted hop, so a spoofed header can never pick the address.
/// </summary>
internal static class ClientAddressResolver
{
    public static IPAddress? Resolve(IPAddress? connection, StringValues forwardedFor, ApiCallerOptions options)
    {
        var current = Normalize(connection);
        if (current is null || !IsTrusted(current, options) || StringValues.IsNullOrEmpty(forwardedFor))
        {
            return current;
        }

        // The header may repeat; its entries read left (client) to right (nearest proxy), so the walk goes from the
        // last value's last entry leftwards. It runs on every request: spans over the header text, no split arrays.
        for (var v = forwardedFor.Count - 1; v >= 0; v--)
        {
            var remaining = forwardedFor[v].AsSpan();
            while (!remaining.IsEmpty)
            {
                var comma = remaining.LastIndexOf(',');
                var entry = remaining[(comma + 1)..].Trim();
                remaining = comma < 0 ? [] : remaining[..comma];
                if (entry.IsEmpty)
                {
                    continue;
                }

                if (!TryParse(entry, out var hop))
                {
                    return current;
                }

                current = hop;
                if (!IsTrusted(hop, options))
                {
                    return hop;
                }
            }
        }

        return current;
    }

    /// <summary>The partition id of an anonymous caller: IPv4 as is, IPv6 grouped by its prefix.</summary>
    public static string AnonymousId(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return "ip:unknown";
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "ip:" + address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var fullBytes = ipv6PrefixLength / 8;
        var remainingBits = ipv6PrefixLength % 8;
        if (fullBytes < 16)
        {
            if (remainingBits != 0)
            {
                bytes[fullBytes] &= (byte)(0xFF << (8 - remainingBits));
                fullBytes++;
            }

            bytes[fullBytes..].Clear();
        }

        return "ip:" + new IPAddress(bytes) + "/" + ipv6PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsTrusted(IPAddress address, ApiCallerOptions options)
    {
        foreach (var proxy in options.TrustedProxies)
        {
            if (Normalize(proxy)!.Equals(address))
            {
                return true;
            }
        }

        foreach (var network in options.TrustedNetworks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads one entry as <see cref="IPEndPoint.TryParse(ReadOnlySpan{char}, out IPEndPoint?)"/> does, which is what
    /// ASP.NET Core's forwarded-headers middleware accepts: <c>203.0.113.7</c>, <c>203.0.113.7:443</c>,
    /// <c>2001:db8::1</c>, <c>[2001:db8::1]</c> and <c>[2001:db8::1]:443</c>. Proxies that append the client's port
    /// are common; reading such an entry as malformed would give every client the proxy's address. The port is
    /// dropped: it changes per connection and would split one client into many.
    /// </summary>
    private static bool TryParse(ReadOnlySpan<char> entry, out IPAddress address)
    {
        // Same split as IPEndPoint.TryParse, without allocating the end point: a port follows the last colon when it
        // closes a bracket ("[v6]:port") or when it is the only colon ("v4:port"); a bare IPv6 address keeps all.
        var addressLength = entry.Length;
        var lastColon = entry.LastIndexOf(':');
        if (lastColon > 0 && (entry[lastColon - 1] == ']' || entry[..lastColon].IndexOf(':') < 0))
        {
            addressLength = lastColon;
        }

        if (IPAddress.TryParse(entry[..addressLength], out var parsed)
            && (addressLength == entry.Length || IsPort(entry[(addressLength + 1)..]))
            && !HasTrailingText(entry[..addressLength]))
        {
            address = Normalize(parsed)!;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    private static bool IsPort(ReadOnlySpan<char> text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort;

    /// <summary>
    /// IPAddress.TryParse reads "[2001:db8::1]x" as 2001:db8::1 (it stops at the bracket); a bracketed address must
    /// end at its bracket.
    /// </summary>
    private static bool HasTrailingText(ReadOnlySpan<char> address) =>
        address.Length > 0 && address[0] == '[' && address[^1] != ']';

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
