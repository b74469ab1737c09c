using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>
/// Writes masked values straight into the JSON writer from stack buffers, so masking allocates nothing.
/// </summary>
internal sealed class FieldMasker
{
    public const string FixedMask = "****";
    private const int StackLimit = 256;

    private readonly byte[]? _pseudonymKey;
    private readonly string? _pseudonymKeyId;

    public FieldMasker(IOptions<FieldFilteringOptions> options)
    {
        var o = options.Value;
        if (o.CurrentPseudonymKeyId is { } id && o.PseudonymKeys.TryGetValue(id, out var key))
        {
            _pseudonymKeyId = id;
            _pseudonymKey = (byte[])key.Clone();
        }
    }

    /// <summary>Gets whether pseudonyms can be made; without a key they fall back to the fixed mask.</summary>
    public bool HasPseudonymKey => _pseudonymKey is not null;

    public void WriteMasked(Utf8JsonWriter writer, ReadOnlySpan<char> value, FieldRule rule)
    {
        switch (rule.Mask)
        {
            case FieldMask.KeepLast when value.Length > rule.KeepLast:
                WriteKeepLast(writer, value, rule.KeepLast);
                break;
            case FieldMask.Email when value.IndexOf('@') is var at && at > 0:
                WriteEmail(writer, value, at);
                break;
            case FieldMask.Pseudonym when _pseudonymKey is not null:
                WritePseudonym(writer, value);
                break;
            default:
                writer.WriteStringValue(FixedMask);
                break;
        }
    }

    private static void WriteKeepLast(Utf8JsonWriter writer, ReadOnlySpan<char> value, int keep)
    {
        Span<char> buffer = stackalloc char[FixedMask.Length + keep];
        FixedMask.AsSpan().CopyTo(buffer);
        value[^keep..].CopyTo(buffer[FixedMask.Length..]);
        writer.WriteStringValue(buffer);
    }

    private static void WriteEmail(Utf8JsonWriter writer, ReadOnlySpan<char> value, int at)
    {
        var domain = value[at..];
        var length = 4 + domain.Length;
        char[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(length));
        buffer[0] = value[0];
        "***".AsSpan().CopyTo(buffer[1..]);
        domain.CopyTo(buffer[4..]);
        writer.WriteStringValue(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void WritePseudonym(Utf8JsonWriter writer, ReadOnlySpan<char> value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        byte[]? rented = null;
        var input = byteCount <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        var written = Encoding.UTF8.GetBytes(value, input);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_pseudonymKey, input[..written], mac);

        // The input is the clear value: wipe it before the buffer is reused.
        CryptographicOperations.ZeroMemory(input[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        // 16 bytes (128 bits) of the MAC keep collisions out of reach while staying short.
        var id = _pseudonymKeyId!;
        Span<char> text = stackalloc char[StackLimit];
        id.AsSpan().CopyTo(text);
        text[id.Length] = ':';
        Base64Url.EncodeToChars(mac[..16], text[(id.Length + 1)..], out _, out var chars);
        writer.WriteStringValue(text[..(id.Length + 1 + chars)]);
    }
}
