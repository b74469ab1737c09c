using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Callers;

/// <summary>
/// The one pseudonym every SecureApi package logs (and sends, as the <c>pk</c> parameter of the <c>RateLimit</c>
/// header) instead of a caller id or partition key: the first 12 bytes of HMAC-SHA256 of the id's UTF-8 bytes under
/// <see cref="ApiCallerOptions.PseudonymKey"/>, as 16 base64 characters. An unkeyed hash of an address could be
/// reversed by hashing every address; without the key this cannot. The same id gives the same pseudonym in every
/// package, and in every instance that is configured with the same key. Registered as a singleton by
/// <c>AddSecureApi()</c>.
/// </summary>
public sealed class CallerPseudonym
{
    /// <summary>The length in characters of a pseudonym: 16 base64 characters (12 bytes, no padding).</summary>
    public const int Length = 16;

    private const int MacBytes = 12;

    // Ids are short ("ip:203.0.113.7", "sub:alice"); longer custom partition keys fall back to a pooled buffer.
    private const int StackLimit = 256;

    private readonly byte[] _key;

    /// <summary>Creates the pseudonym with the key of <paramref name="options"/>, or a random key when none is set.</summary>
    /// <param name="options">The caller options; <see cref="ApiCallerOptions.PseudonymKey"/> is read once.</param>
    public CallerPseudonym(IOptions<ApiCallerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // A copy: a key changed (or zeroed) in the options later must not change pseudonyms mid-process.
        _key = options.Value.PseudonymKey is { } key ? key.ToArray() : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>Returns the pseudonym of <paramref name="id"/>.</summary>
    /// <param name="id">A caller id (<see cref="ApiCaller.Id"/>) or a partition key.</param>
    /// <returns>16 base64 characters.</returns>
    public string For(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return string.Create(Length, (this, id), static (destination, state) => state.Item1.TryFormat(state.id, destination, out _));
    }

    /// <summary>Writes the pseudonym of <paramref name="id"/> without allocating.</summary>
    /// <param name="id">A caller id (<see cref="ApiCaller.Id"/>) or a partition key.</param>
    /// <param name="destination">Where the 16 characters are written.</param>
    /// <param name="charsWritten"><see cref="Length"/> on success, otherwise 0.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is shorter than <see cref="Length"/>.</returns>
    public bool TryFormat(ReadOnlySpan<char> id, Span<char> destination, out int charsWritten)
    {
        if (destination.Length < Length)
        {
            charsWritten = 0;
            return false;
        }

        // One-shot HMAC over a stack buffer: no managed allocation. A cache of pseudonyms would need a budget and
        // eviction and still cost a lookup; the MAC of a short id is about a microsecond, and it is computed only
        // for a log line that is written or a RateLimit header that asks for it.
        var maxBytes = Encoding.UTF8.GetMaxByteCount(id.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var written = Encoding.UTF8.GetBytes(id, buffer);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_key, buffer[..written], mac);
            Convert.TryToBase64Chars(mac[..MacBytes], destination, out charsWritten);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
