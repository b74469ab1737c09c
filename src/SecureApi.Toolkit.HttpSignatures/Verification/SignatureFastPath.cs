using System.Buffers;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// Reads the shape nearly every signature has — one Signature-Input member <c>label=("a" "b");created=1;keyid="k"</c>
/// already in canonical form, and one Signature member <c>label=:base64:</c> — straight from the field text, without
/// building structured-field objects. It accepts only a strict subset of what <see cref="StructuredFieldParser"/>
/// accepts and declines everything else (component parameters, escapes, extra spaces, booleans, decimals, tokens,
/// several members, any value the strict path would reject), so the strict path decides every other case, including
/// every failure. Because the accepted text is canonical, the inner list as written is byte-for-byte its own
/// serialization and serves as the <c>@signature-params</c> value.
/// </summary>
internal static class SignatureFastPath
{
    private const int MaxComponents = 32;
    private const int MaxParameters = 8;

    public static bool TryRead(string inputField, string signatureField, out FastSignature result)
    {
        result = default;
        if (inputField.Length > StructuredFieldParser.DefaultMaxLength || signatureField.Length > StructuredFieldParser.DefaultMaxLength)
        {
            return false;
        }

        // As the strict parser: leading spaces and trailing whitespace around the member are allowed.
        var inputStart = TrimStart(inputField);
        var input = inputField.AsSpan(inputStart, TrimEnd(inputField, inputStart) - inputStart);
        var signatureStart = TrimStart(signatureField);
        var signature = signatureField.AsSpan(signatureStart, TrimEnd(signatureField, signatureStart) - signatureStart);
        if (input.IsEmpty)
        {
            return false;
        }

        // Label.
        var labelEnd = ReadKey(input, 0);
        if (labelEnd < 0 || labelEnd >= input.Length || input[labelEnd] != '=')
        {
            return false;
        }

        var p = labelEnd + 1;
        if (p >= input.Length || input[p] != '(')
        {
            return false;
        }

        var listStart = p;
        p++;

        // Components: "name" separated by exactly one space, no parameters, no escapes.
        Span<int> starts = stackalloc int[MaxComponents];
        Span<int> lengths = stackalloc int[MaxComponents];
        var count = 0;
        while (true)
        {
            if (p >= input.Length)
            {
                return false;
            }

            if (input[p] == ')')
            {
                p++;
                break;
            }

            if (count > 0)
            {
                if (input[p] != ' ')
                {
                    return false;
                }

                p++;
            }

            if (count == MaxComponents || p >= input.Length || input[p] != '"')
            {
                return false;
            }

            var start = ++p;
            var end = ReadStringBody(input, start);
            if (end < 0)
            {
                return false;
            }

            starts[count] = start;
            lengths[count] = end - start;
            count++;
            p = end + 1;
            if (p < input.Length && input[p] is not ' ' and not ')')
            {
                return false;
            }
        }

        // Parameters: ;key=integer or ;key="string", each key once.
        Span<int> keyStarts = stackalloc int[MaxParameters];
        Span<int> keyLengths = stackalloc int[MaxParameters];
        var parameterCount = 0;
        long? created = null, expires = null;
        string? nonce = null, alg = null, keyId = null, tag = null;
        while (p < input.Length)
        {
            if (input[p] != ';' || parameterCount == MaxParameters)
            {
                return false;
            }

            var keyStart = p + 1;
            var keyEnd = ReadKey(input, keyStart);
            if (keyEnd < 0 || keyEnd >= input.Length || input[keyEnd] != '=')
            {
                return false;
            }

            var key = input[keyStart..keyEnd];
            for (var i = 0; i < parameterCount; i++)
            {
                if (key.SequenceEqual(input.Slice(keyStarts[i], keyLengths[i])))
                {
                    return false;
                }
            }

            keyStarts[parameterCount] = keyStart;
            keyLengths[parameterCount] = key.Length;
            parameterCount++;
            p = keyEnd + 1;
            if (p >= input.Length)
            {
                return false;
            }

            if (input[p] == '"')
            {
                var valueStart = p + 1;
                var valueEnd = ReadStringBody(input, valueStart);
                if (valueEnd < 0)
                {
                    return false;
                }

                p = valueEnd + 1;
                var value = input[valueStart..valueEnd];
                switch (key)
                {
                    case "created" or "expires":
                        return false;
                    case "nonce":
                        if (!NonEmpty(value, ref nonce))
                        {
                            return false;
                        }

                        break;
                    case "alg":
                        if (!NonEmpty(value, ref alg))
                        {
                            return false;
                        }

                        break;
                    case "keyid":
                        if (!NonEmpty(value, ref keyId))
                        {
                            return false;
                        }

                        break;
                    case "tag":
                        if (!NonEmpty(value, ref tag))
                        {
                            return false;
                        }

                        break;
                    default:
                        break;
                }
            }
            else
            {
                var valueEnd = ReadCanonicalInteger(input, p, out var number);
                if (valueEnd < 0)
                {
                    return false;
                }

                p = valueEnd;
                switch (key)
                {
                    case "created":
                        created = number;
                        break;
                    case "expires":
                        expires = number;
                        break;
                    case "nonce" or "alg" or "keyid" or "tag":
                        return false;
                    default:
                        break;
                }
            }

            if (p < input.Length && input[p] != ';')
            {
                return false;
            }
        }

        if (keyId is null || created > SignatureParameters.MaxTime || expires > SignatureParameters.MaxTime)
        {
            return false;
        }

        // Signature: exactly label=:base64: with the same label.
        var label = input[..labelEnd];
        if (signature.Length < label.Length + 3 || !signature[..label.Length].SequenceEqual(label)
            || signature[label.Length] != '=' || signature[label.Length + 1] != ':' || signature[^1] != ':')
        {
            return false;
        }

        var base64 = signature.Slice(label.Length + 2, signature.Length - label.Length - 3);
        if (base64.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in base64)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/' or '='))
            {
                return false;
            }
        }

        var padding = base64.Length == 0 ? 0 : base64[^1] == '=' ? (base64.Length > 1 && base64[^2] == '=' ? 2 : 1) : 0;
        var expectedLength = (base64.Length / 4 * 3) - padding;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, base64.Length / 4 * 3));
        if (!Convert.TryFromBase64Chars(base64, buffer, out var written) || written != expectedLength)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return false;
        }

        var covered = new string[count];
        for (var i = 0; i < count; i++)
        {
            covered[i] = WellKnownNames.Get(input.Slice(starts[i], lengths[i]));
        }

        var parameters = new SignatureParameters(
            created is { } c1 ? DateTimeOffset.FromUnixTimeSeconds(c1) : null,
            expires is { } e1 ? DateTimeOffset.FromUnixTimeSeconds(e1) : null,
            nonce,
            alg,
            keyId,
            tag);
        result = new FastSignature(WellKnownNames.Get(label), covered, parameters, inputField, inputStart + listStart, input.Length - listStart, buffer, written);
        return true;
    }

    private static int TrimStart(string text)
    {
        var start = 0;
        while (start < text.Length && text[start] == ' ')
        {
            start++;
        }

        return start;
    }

    private static int TrimEnd(string text, int start)
    {
        var end = text.Length;
        while (end > start && text[end - 1] is ' ' or '\t')
        {
            end--;
        }

        return end;
    }

    /// <summary>Reads an RFC 8941 key from <paramref name="start"/>; returns the index after it, or -1.</summary>
    private static int ReadKey(ReadOnlySpan<char> text, int start)
    {
        if (start >= text.Length || !(text[start] is >= 'a' and <= 'z' or '*'))
        {
            return -1;
        }

        var p = start + 1;
        while (p < text.Length && StructuredFieldReader.IsKeyChar(text[p]))
        {
            p++;
        }

        return p;
    }

    /// <summary>Reads a string body without escapes from <paramref name="start"/> (after the opening quote); returns the index of the closing quote, or -1.</summary>
    private static int ReadStringBody(ReadOnlySpan<char> text, int start)
    {
        for (var p = start; p < text.Length; p++)
        {
            var c = text[p];
            if (c == '"')
            {
                return p;
            }

            if (c is '\\' or < ' ' or > '~')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>Reads a non-negative integer written canonically (no leading zero, at most 15 digits, no fraction); returns the index after it, or -1.</summary>
    private static int ReadCanonicalInteger(ReadOnlySpan<char> text, int start, out long value)
    {
        value = 0;
        var p = start;
        while (p < text.Length && text[p] is >= '0' and <= '9')
        {
            value = (value * 10) + (text[p] - '0');
            p++;
        }

        var digits = p - start;
        if (digits == 0 || digits > 15 || (digits > 1 && text[start] == '0') || (p < text.Length && text[p] == '.'))
        {
            return -1;
        }

        return p;
    }

    private static bool NonEmpty(ReadOnlySpan<char> value, ref string? target)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        target = value.ToString();
        return true;
    }
}
