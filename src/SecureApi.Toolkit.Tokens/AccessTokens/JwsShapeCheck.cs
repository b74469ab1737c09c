using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Checks the raw JSON of a compact JWS before the token library reads it, for what the library does not refuse:
/// a <c>crit</c> header (RFC 7515 §4.1.11: the toolkit understands no extension, so any <c>crit</c> is refused),
/// <c>exp</c>/<c>nbf</c>/<c>iat</c> that are not JSON numbers (RFC 7519 §2 NumericDate; the library also takes
/// numeric strings), and duplicate member names in any object of the header or the claims set (parsers disagree on
/// which one wins, so a signed token could mean one thing here and another to a proxy or a log pipeline).
/// One forward pass of <see cref="Utf8JsonReader"/> per segment over one decode buffer (stack for small tokens,
/// pooled otherwise); member names are compared unescaped, so <c>"\u0073ub"</c> duplicates <c>"sub"</c>.
/// </summary>
internal static class JwsShapeCheck
{
    private const int StackBufferSize = 1536;

    // Deeper than any honest token; the reader's own limit would throw past this anyway.
    private const int MaxDepth = 32;

    /// <summary>Returns a failure reason, or <see langword="null"/> when the header and payload have an acceptable shape.</summary>
    public static string? Check(string token)
    {
        var first = token.IndexOf('.', StringComparison.Ordinal);
        if (first <= 0)
        {
            return TokenFailureReasons.Malformed;
        }

        var second = token.IndexOf('.', first + 1);
        if (second <= first + 1 || token.IndexOf('.', second + 1) >= 0)
        {
            // Not three segments: a JWE (never accepted here) or garbage.
            return TokenFailureReasons.Malformed;
        }

        var header = token.AsSpan(0, first);
        var payload = token.AsSpan(first + 1, second - first - 1);
        var decodedMax = Base64Url.GetMaxDecodedLength(Math.Max(header.Length, payload.Length));

        // One buffer: the decoded segment, then the unescaped member names of the open objects, each behind a
        // two-byte length. Names take at most the decoded length plus two bytes per member of at least four bytes.
        var size = decodedMax * 2 + 8;
        byte[]? rented = null;
        Span<byte> buffer = size <= StackBufferSize ? stackalloc byte[StackBufferSize] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            return CheckSegment(header, buffer, decodedMax, isHeader: true) ?? CheckSegment(payload, buffer, decodedMax, isHeader: false);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string? CheckSegment(ReadOnlySpan<char> segment, Span<byte> buffer, int decodedMax, bool isHeader)
    {
        // The OperationStatus overload: invalid input is a status here, not an exception.
        if (Base64Url.DecodeFromChars(segment, buffer[..decodedMax], out _, out var length) != OperationStatus.Done)
        {
            return TokenFailureReasons.Malformed;
        }

        var names = buffer[decodedMax..];
        Span<int> frames = stackalloc int[MaxDepth];
        var depth = 0;
        var used = 0;
        var expectNumber = false;
        var reader = new Utf8JsonReader(buffer[..length], new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenFailureReasons.Malformed;
            }

            frames[depth++] = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (depth == 1)
                    {
                        if (isHeader && reader.ValueTextEquals("crit"u8))
                        {
                            return TokenFailureReasons.UnsupportedCrit;
                        }

                        expectNumber = !isHeader && (reader.ValueTextEquals("exp"u8) || reader.ValueTextEquals("nbf"u8) || reader.ValueTextEquals("iat"u8));
                    }

                    if (!TryRemember(ref reader, names, frames[depth - 1], ref used))
                    {
                        return TokenFailureReasons.DuplicateMember;
                    }

                    continue;
                }

                // The token after a property name is its value.
                if (expectNumber)
                {
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        return TokenFailureReasons.InvalidNumericDate;
                    }

                    expectNumber = false;
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (depth == MaxDepth)
                    {
                        return TokenFailureReasons.Malformed;
                    }

                    frames[depth++] = used;
                }
                else if (reader.TokenType == JsonTokenType.EndObject)
                {
                    // The closed object's names are no longer needed: its parent's continue after them.
                    used = frames[--depth];
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return TokenFailureReasons.Malformed;
        }
    }

    /// <summary>Compares the current member name with the names already seen in its object, then records it.</summary>
    private static bool TryRemember(ref Utf8JsonReader reader, Span<byte> names, int frameStart, ref int used)
    {
        for (var at = frameStart; at < used;)
        {
            var nameLength = names[at] | (names[at + 1] << 8);
            if (reader.ValueTextEquals(names.Slice(at + 2, nameLength)))
            {
                return false;
            }

            at += 2 + nameLength;
        }

        // An unescaped name is never longer than its escaped form, which fits in the decoded segment.
        var written = reader.CopyString(names[(used + 2)..]);
        names[used] = (byte)written;
        names[used + 1] = (byte)(written >> 8);
        used += 2 + written;
        return true;
    }
}
