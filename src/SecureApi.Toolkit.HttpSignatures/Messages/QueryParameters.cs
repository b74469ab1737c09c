using System.Text;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// The <c>@query-param</c> rules of RFC 9421 §2.2.8: parse the raw query as application/x-www-form-urlencoded
/// (WHATWG URL §5.1), then percent-encode names and values again so the base is ASCII and unambiguous.
/// </summary>
internal static class QueryParameters
{
    /// <summary>Finds the value of the parameter whose re-encoded name is <paramref name="encodedName"/>.</summary>
    /// <returns>The re-encoded value; throws when absent or repeated (RFC 9421: a repeated name MUST NOT be signed by name).</returns>
    public static string GetEncodedValue(string? query, string encodedName)
    {
        string? found = null;
        if (!string.IsNullOrEmpty(query))
        {
            foreach (var range in query.AsSpan().Split('&'))
            {
                var pair = query.AsSpan(range);
                if (pair.IsEmpty)
                {
                    continue;
                }

                var eq = pair.IndexOf('=');
                var rawName = eq < 0 ? pair : pair[..eq];
                var rawValue = eq < 0 ? [] : pair[(eq + 1)..];
                if (!string.Equals(Encode(Decode(rawName)), encodedName, StringComparison.Ordinal))
                {
                    continue;
                }

                if (found is not null)
                {
                    throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A query parameter named by @query-param occurs more than once.");
                }

                found = Encode(Decode(rawValue));
            }
        }

        return found ?? throw new HttpSignatureException(HttpSignatureError.ComponentMissing, "A query parameter named by @query-param is absent.");
    }

    internal static byte[] Decode(ReadOnlySpan<char> input)
    {
        var bytes = new List<byte>(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < input.Length && IsHex(input[i + 1]) && IsHex(input[i + 2]))
            {
                bytes.Add((byte)((HexValue(input[i + 1]) << 4) | HexValue(input[i + 2])));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                // Raw targets are ASCII on the wire; a non-ASCII character from an adapter is taken as its UTF-8 bytes.
                var width = char.IsHighSurrogate(c) && i + 1 < input.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(input.Slice(i, width).ToArray()));
                i += width - 1;
            }
        }

        // Round-trip through UTF-8 decoding as WHATWG does, so invalid sequences become U+FFFD consistently.
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString([.. bytes]));
    }

    internal static string Encode(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'*' or (byte)'-' or (byte)'.' or (byte)'_')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }

        return sb.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
