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

        // The header may repeat; its entries read left (client) to right (nearest proxy).
        var entries = new List<string>();
        foreach (var value in forwardedFor)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                entries.Add(part);
            }
        }

        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (!TryParse(entries[i], out var hop))
            {
                return current;
            }

            current = hop;
            if (!IsTrusted(hop, options))
            {
                return hop;
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

    private static bool TryParse(string entry, out IPAddress address)
    {
        // Accept "203.0.113.7", "[2001:db8::1]" and "[2001:db8::1]:443"; anything else is malformed.
        var text = entry.AsSpan();
        if (text.Length > 0 && text[0] == '[')
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                address = IPAddress.None;
                return false;
            }

            text = text[1..close];
        }

        if (IPAddress.TryParse(text, out var parsed))
        {
            address = Normalize(parsed)!;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
