using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// The key format <c>{prefix}_{id:12}{secret:32}{crc32:6}</c>, all base62 after the underscore. The prefix makes
/// leaked keys recognisable to secret scanners; the CRC-32 checksum rejects typos and random guesses without a store
/// lookup. The 32-character secret carries about 190 bits, so a fast keyed hash is enough to store it.
/// </summary>
internal static class ApiKeyFormat
{
    public const int IdLength = 12;
    public const int SecretLength = 32;
    public const int ChecksumLength = 6;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);

    public static int Length(string prefix) => prefix.Length + 1 + IdLength + SecretLength + ChecksumLength;

    public static (string Key, string KeyId) Create(string prefix)
    {
        var id = RandomNumberGenerator.GetString(Alphabet, IdLength);
        var secret = RandomNumberGenerator.GetString(Alphabet, SecretLength);
        var body = string.Concat(prefix, "_", id, secret);
        return (body + Checksum(body), id);
    }

    /// <summary>Creates a one-time code <c>{prefix}_{secret:32}{crc32:6}</c>.</summary>
    public static string CreateCode(string prefix)
    {
        var body = string.Concat(prefix, "_", RandomNumberGenerator.GetString(Alphabet, SecretLength));
        return body + Checksum(body);
    }

    /// <summary>Whether <paramref name="code"/> has the shape and checksum of <see cref="CreateCode"/>.</summary>
    public static bool IsWellFormedCode(ReadOnlySpan<char> code, string prefix)
    {
        if (code.Length != prefix.Length + 1 + SecretLength + ChecksumLength || !code.StartsWith(prefix, StringComparison.Ordinal) || code[prefix.Length] != '_')
        {
            return false;
        }

        if (code[(prefix.Length + 1)..].ContainsAnyExcept(AlphabetValues))
        {
            return false;
        }

        Span<char> expected = stackalloc char[ChecksumLength];
        WriteChecksum(Crc32(code[..^ChecksumLength]), expected);
        return expected.SequenceEqual(code[^ChecksumLength..]);
    }

    /// <summary>Checks shape and checksum; returns the key id, or a reason code.</summary>
    public static bool TryParse(ReadOnlySpan<char> key, string prefix, out string? keyId, out string? reason)
    {
        keyId = null;
        if (key.Length != Length(prefix) || !key.StartsWith(prefix, StringComparison.Ordinal) || key[prefix.Length] != '_')
        {
            reason = TokenFailureReasons.ApiKeyMalformed;
            return false;
        }

        var rest = key[(prefix.Length + 1)..];
        if (rest.ContainsAnyExcept(AlphabetValues))
        {
            reason = TokenFailureReasons.ApiKeyMalformed;
            return false;
        }

        var body = key[..^ChecksumLength];
        Span<char> expected = stackalloc char[ChecksumLength];
        WriteChecksum(Crc32(body), expected);
        if (!expected.SequenceEqual(key[^ChecksumLength..]))
        {
            reason = TokenFailureReasons.ApiKeyChecksum;
            return false;
        }

        keyId = rest[..IdLength].ToString();
        reason = null;
        return true;
    }

    public static string Hash(byte[] hashKey, ReadOnlySpan<char> key)
    {
        Span<byte> mac = stackalloc byte[32];
        Compute(hashKey, key, mac);
        return System.Buffers.Text.Base64Url.EncodeToString(mac);
    }

    public static bool Verify(byte[] hashKey, ReadOnlySpan<char> key, string storedHash)
    {
        Span<byte> mac = stackalloc byte[32];
        Span<byte> stored = stackalloc byte[32];
        Compute(hashKey, key, mac);
        return System.Buffers.Text.Base64Url.IsValid(storedHash, out var length)
            && length == 32
            && System.Buffers.Text.Base64Url.TryDecodeFromChars(storedHash, stored, out var written)
            && written == 32
            && CryptographicOperations.FixedTimeEquals(mac, stored);
    }

    private static void Compute(byte[] hashKey, ReadOnlySpan<char> key, Span<byte> mac)
    {
        Span<byte> utf8 = stackalloc byte[key.Length];
        try
        {
            Encoding.ASCII.GetBytes(key, utf8);
            ApiKeyMac.Compute(hashKey, utf8, mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
        }
    }

    public static string Checksum(string body)
    {
        Span<char> chars = stackalloc char[ChecksumLength];
        WriteChecksum(Crc32(body), chars);
        return chars.ToString();
    }

    private static void WriteChecksum(uint crc, Span<char> destination)
    {
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }
    }

    /// <summary>
    /// The standard CRC-32 (IEEE 802.3, as zlib) of the text's ASCII bytes. Callers have checked the text is ASCII (or
    /// created it so); System.IO.Hashing's implementation is several times faster than a byte-at-a-time table.
    /// </summary>
    public static uint Crc32(ReadOnlySpan<char> text)
    {
        Span<byte> ascii = stackalloc byte[text.Length];
        try
        {
            // Not ASCII cannot happen for a checked key; if it did, the bytes written so far give a checksum that
            // simply will not match.
            Ascii.FromUtf16(text, ascii, out var written);
            return System.IO.Hashing.Crc32.HashToUInt32(ascii[..written]);
        }
        finally
        {
            // The body holds the secret.
            CryptographicOperations.ZeroMemory(ascii);
        }
    }
}
