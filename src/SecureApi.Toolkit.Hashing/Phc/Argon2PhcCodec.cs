using System.Globalization;
using System.Text;

namespace SecureApi.Toolkit.Hashing.Phc;

/// <summary>
/// Reads and writes <c>$argon2id$v=19$m=M,t=T,p=P[,keyid=K]$salt$hash</c> exactly as the reference
/// (phc-winner-argon2 <c>src/encoding.c</c>) does: the same field order, minimal decimals without leading zeros,
/// B64 without padding, nothing after the hash, and the reference's <c>validate_inputs</c> bounds. It never clamps
/// and never assumes a version: a string without <c>v=</c> is version 0x10 to the reference, which this toolkit
/// cannot compute, so it is refused rather than read as 19. The one tolerated departure, when the caller asks for
/// it, is the parameter order <c>m,p,t</c> of the Node.js <c>argon2</c> package (the PHC format lets a reader accept
/// other orders); <see cref="Format"/> always writes the reference order.
/// </summary>
internal static class Argon2PhcCodec
{
    public const int MinSaltLength = 8;
    public const int MinHashLength = 4;
    public const uint MaxParallelism = 0xFFFFFF;
    public const uint MinMemoryPerLaneKiB = 8;
    public const int MaxKeyIdLength = 8;

    private const string Prefix = "$argon2id";

    public static string Format(Argon2PhcHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var builder = new StringBuilder(128)
            .Append(Prefix)
            .Append("$v=").Append(Argon2PhcHash.Version.ToString(CultureInfo.InvariantCulture))
            .Append("$m=").Append(hash.MemoryKiB.ToString(CultureInfo.InvariantCulture))
            .Append(",t=").Append(hash.Iterations.ToString(CultureInfo.InvariantCulture))
            .Append(",p=").Append(hash.Parallelism.ToString(CultureInfo.InvariantCulture));
        if (hash.KeyId is not null)
        {
            builder.Append(",keyid=").Append(PhcBase64.Encode(Encoding.ASCII.GetBytes(hash.KeyId)));
        }

        return builder
            .Append('$').Append(PhcBase64.Encode(hash.Salt))
            .Append('$').Append(PhcBase64.Encode(hash.Hash))
            .ToString();
    }

    public static bool TryParse(string? value, out Argon2PhcHash? hash, out PhcParseError error)
        => TryParse(value, int.MaxValue, int.MaxValue, acceptNodeParameterOrder: false, out hash, out error);

    /// <summary>
    /// Parses like <see cref="TryParse(string?, out Argon2PhcHash?, out PhcParseError)"/>, but refuses a salt or tag
    /// longer than the limits from the lengths of their B64 segments, before decoding (allocating) them. With
    /// <paramref name="acceptNodeParameterOrder"/> it also reads <c>m=M,p=P,t=T</c> (and nothing else in that
    /// order), marking the result <see cref="Argon2PhcHash.NodeParameterOrder"/>.
    /// </summary>
    public static bool TryParse(string? value, int maxSaltLength, int maxHashLength, bool acceptNodeParameterOrder, out Argon2PhcHash? hash, out PhcParseError error)
    {
        error = Parse(value, maxSaltLength, maxHashLength, acceptNodeParameterOrder, out hash);
        return error == PhcParseError.None;
    }

    private static PhcParseError Parse(string? value, int maxSaltLength, int maxHashLength, bool acceptNodeParameterOrder, out Argon2PhcHash? hash)
    {
        hash = null;
        if (value is null)
        {
            return PhcParseError.BadStructure;
        }

        var s = value.AsSpan();

        // Case-sensitive: "$Argon2id$" is not an Argon2id string to the reference.
        if (!s.StartsWith(Prefix, StringComparison.Ordinal) || s.Length == Prefix.Length || s[Prefix.Length] != '$')
        {
            return PhcParseError.NotArgon2id;
        }

        s = s[Prefix.Length..];
        if (!s.StartsWith("$v=", StringComparison.Ordinal))
        {
            return PhcParseError.MissingVersion;
        }

        s = s[3..];
        if (!TryReadDecimal(ref s, out var version))
        {
            return PhcParseError.BadDecimal;
        }

        if (version != Argon2PhcHash.Version)
        {
            return PhcParseError.UnsupportedVersion;
        }

        if (!TryExpect(ref s, "$m="))
        {
            return PhcParseError.BadStructure;
        }

        if (!TryReadDecimal(ref s, out var m))
        {
            return PhcParseError.BadDecimal;
        }

        uint t;
        uint p;
        var nodeOrder = false;
        if (TryExpect(ref s, ",t="))
        {
            if (!TryReadDecimal(ref s, out t))
            {
                return PhcParseError.BadDecimal;
            }

            if (!TryExpect(ref s, ",p="))
            {
                return PhcParseError.BadStructure;
            }

            if (!TryReadDecimal(ref s, out p))
            {
                return PhcParseError.BadDecimal;
            }
        }
        else if (acceptNodeParameterOrder && TryExpect(ref s, ",p="))
        {
            // The Node.js argon2 package (through @phc/format) writes m, p, t. Only that one permutation, each
            // parameter once and nothing after t: node never writes keyid, and a string that mixes orders or adds
            // parameters was not written by either encoder.
            if (!TryReadDecimal(ref s, out p))
            {
                return PhcParseError.BadDecimal;
            }

            if (!TryExpect(ref s, ",t="))
            {
                return PhcParseError.BadStructure;
            }

            if (!TryReadDecimal(ref s, out t))
            {
                return PhcParseError.BadDecimal;
            }

            if (s.IsEmpty || s[0] != '$')
            {
                return PhcParseError.BadStructure;
            }

            nodeOrder = true;
        }
        else
        {
            return PhcParseError.BadStructure;
        }

        string? keyId = null;
        if (TryExpect(ref s, ",keyid="))
        {
            var end = s.IndexOf('$');
            if (end < 0)
            {
                return PhcParseError.BadStructure;
            }

            if (!TryReadKeyId(s[..end], out keyId))
            {
                return PhcParseError.BadKeyId;
            }

            s = s[end..];
        }

        if (!TryExpect(ref s, "$"))
        {
            return PhcParseError.BadStructure;
        }

        var saltEnd = s.IndexOf('$');
        if (saltEnd < 0)
        {
            return PhcParseError.BadStructure;
        }

        if (PhcBase64.DecodedLength(saltEnd) > maxSaltLength)
        {
            return PhcParseError.SaltAboveLimit;
        }

        if (PhcBase64.DecodedLength(s.Length - saltEnd - 1) > maxHashLength)
        {
            return PhcParseError.HashAboveLimit;
        }

        if (!PhcBase64.TryDecode(s[..saltEnd], out var salt))
        {
            return PhcParseError.BadBase64;
        }

        // The hash runs to the end of the string: padding, a trailing '$' or any other byte fails the B64 decode,
        // which is how the reference rejects trailing data.
        if (!PhcBase64.TryDecode(s[(saltEnd + 1)..], out var tag))
        {
            return PhcParseError.BadBase64;
        }

        // The same order of checks as the reference validate_inputs.
        if (tag.Length < MinHashLength)
        {
            return PhcParseError.HashTooShort;
        }

        if (salt.Length < MinSaltLength)
        {
            return PhcParseError.SaltTooShort;
        }

        if (t < 1)
        {
            return PhcParseError.IterationsTooFew;
        }

        if (p < 1 || p > MaxParallelism)
        {
            return PhcParseError.ParallelismOutOfRange;
        }

        if (m < MinMemoryPerLaneKiB || m < MinMemoryPerLaneKiB * (ulong)p)
        {
            return PhcParseError.MemoryTooLittle;
        }

        hash = new Argon2PhcHash(m, t, p, keyId, salt, tag) { NodeParameterOrder = nodeOrder };
        return PhcParseError.None;
    }

    /// <summary>Whether <paramref name="keyId"/> can travel in the <c>keyid</c> parameter (1–8 ASCII letters, digits, '.', '_' or '-').</summary>
    public static bool IsValidKeyId(string? keyId)
    {
        if (string.IsNullOrEmpty(keyId) || keyId.Length > MaxKeyIdLength)
        {
            return false;
        }

        foreach (var c in keyId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadKeyId(ReadOnlySpan<char> encoded, out string? keyId)
    {
        keyId = null;
        if (!PhcBase64.TryDecode(encoded, out var bytes) || bytes.Length is 0 or > MaxKeyIdLength)
        {
            return false;
        }

        foreach (var b in bytes)
        {
            if (b > 0x7F)
            {
                return false;
            }
        }

        var candidate = Encoding.ASCII.GetString(bytes);
        if (!IsValidKeyId(candidate))
        {
            return false;
        }

        keyId = candidate;
        return true;
    }

    private static bool TryExpect(ref ReadOnlySpan<char> s, string literal)
    {
        if (!s.StartsWith(literal, StringComparison.Ordinal))
        {
            return false;
        }

        s = s[literal.Length..];
        return true;
    }

    // The reference decode_decimal: at least one digit, no leading zero unless the number is "0", no overflow of
    // 32 bits (DECIMAL_U32).
    private static bool TryReadDecimal(ref ReadOnlySpan<char> s, out uint value)
    {
        value = 0;
        var digits = 0;
        ulong accumulator = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            accumulator = (accumulator * 10) + (ulong)(s[digits] - '0');
            if (accumulator > uint.MaxValue)
            {
                return false;
            }

            digits++;
        }

        if (digits == 0 || (s[0] == '0' && digits > 1))
        {
            return false;
        }

        value = (uint)accumulator;
        s = s[digits..];
        return true;
    }
}
