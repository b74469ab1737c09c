namespace SecureApi.Toolkit.Hashing.Phc;

/// <summary>
/// The B64 encoding of the PHC string format: standard base64 (RFC 4648 §4) without <c>=</c> padding, decoded as
/// strictly as the reference <c>from_base64</c>: every character in the alphabet, no length that leaves 6 or more
/// dangling bits, and the unused low bits of the last character zero, so each byte string has exactly one spelling.
/// </summary>
internal static class PhcBase64
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>The number of bytes <paramref name="chars"/> decodes to, or -1 when no canonical encoding has that length.</summary>
    public static int DecodedLength(int chars) => (chars % 4) switch
    {
        0 => chars / 4 * 3,
        2 => (chars / 4 * 3) + 1,
        3 => (chars / 4 * 3) + 2,
        _ => -1,
    };

    public static bool TryDecode(ReadOnlySpan<char> chars, out byte[] bytes)
    {
        bytes = [];
        var length = DecodedLength(chars.Length);
        if (length < 0)
        {
            return false;
        }

        var output = new byte[length];
        var written = 0;
        var accumulator = 0;
        var bits = 0;
        foreach (var c in chars)
        {
            var value = Value(c);
            if (value < 0)
            {
                return false;
            }

            accumulator = (accumulator << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[written++] = (byte)(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }

        // Non-zero leftover bits would let two strings decode to the same bytes; the reference rejects them.
        if (accumulator != 0)
        {
            return false;
        }

        bytes = output;
        return true;
    }

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
