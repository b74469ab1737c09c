using System.Buffers;
using System.Security.Cryptography;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// RFC 9530 <c>Content-Digest</c> with sha-256 and sha-512. The body is hashed as a stream through a pooled buffer,
/// never copied whole into memory a second time.
/// </summary>
public static class ContentDigest
{
    /// <summary>The sha-256 algorithm key.</summary>
    public const string Sha256 = "sha-256";

    /// <summary>The sha-512 algorithm key.</summary>
    public const string Sha512 = "sha-512";

    private const int BufferSize = 16 * 1024;

    /// <summary>Hashes <paramref name="body"/> from its current position to its end.</summary>
    /// <param name="body">The content.</param>
    /// <param name="algorithm"><see cref="Sha256"/> or <see cref="Sha512"/>.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The digest.</returns>
    public static async ValueTask<byte[]> ComputeAsync(Stream body, string algorithm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var name = HashName(algorithm);
        var hash = DigestStatePool.Rent(name);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var finished = false;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            var digest = hash.GetHashAndReset();
            finished = true;
            return digest;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);

            // A state abandoned mid-body (a failed read, cancellation) holds part of a digest: it is never reused.
            if (finished)
            {
                DigestStatePool.Return(name, hash);
            }
            else
            {
                hash.Dispose();
            }
        }
    }

    /// <summary>Hashes a body held in memory.</summary>
    /// <param name="body">The content.</param>
    /// <param name="algorithm"><see cref="Sha256"/> or <see cref="Sha512"/>.</param>
    /// <returns>The digest.</returns>
    public static byte[] Compute(ReadOnlySpan<byte> body, string algorithm) =>
        HashName(algorithm) == HashAlgorithmName.SHA256 ? SHA256.HashData(body) : SHA512.HashData(body);

    /// <summary>Formats one digest as a <c>Content-Digest</c> field value, for example <c>sha-256=:...:</c>.</summary>
    /// <param name="algorithm">The algorithm key.</param>
    /// <param name="digest">The digest bytes.</param>
    /// <returns>The field value.</returns>
    public static string Format(string algorithm, ReadOnlySpan<byte> digest)
    {
        _ = HashName(algorithm);
        return algorithm + "=:" + Convert.ToBase64String(digest) + ":";
    }

    /// <summary>Hashes <paramref name="body"/> and formats the field value.</summary>
    /// <param name="body">The content.</param>
    /// <param name="algorithm">The algorithm key.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The field value.</returns>
    public static async ValueTask<string> CreateAsync(Stream body, string algorithm, CancellationToken cancellationToken = default) =>
        Format(algorithm, await ComputeAsync(body, algorithm, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Checks <paramref name="fieldValue"/> against <paramref name="body"/>. Of the digests present, the strongest accepted one
    /// (sha-512, then sha-256) is checked; only one is computed, so a field listing many digests costs one hash.
    /// </summary>
    /// <param name="fieldValue">The combined <c>Content-Digest</c> value, or <see langword="null"/> when absent.</param>
    /// <param name="body">The content, read from its current position.</param>
    /// <param name="acceptedAlgorithms">The algorithms accepted; <see langword="null"/> accepts sha-256 and sha-512.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The outcome.</returns>
    public static async ValueTask<ContentDigestResult> VerifyAsync(string? fieldValue, Stream body, IReadOnlyCollection<string>? acceptedAlgorithms = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (fieldValue is null)
        {
            return ContentDigestResult.Missing;
        }

        SfDictionary dictionary;
        try
        {
            dictionary = StructuredFieldParser.ParseDictionary(fieldValue);
        }
        catch (StructuredFieldException)
        {
            return ContentDigestResult.Malformed;
        }

        foreach (var algorithm in (ReadOnlySpan<string>)[Sha512, Sha256])
        {
            if ((acceptedAlgorithms is not null && !acceptedAlgorithms.Contains(algorithm)) || !dictionary.TryGetValue(algorithm, out var member))
            {
                continue;
            }

            if (member is not SfItem { Value: byte[] expected } || expected.Length != (algorithm == Sha256 ? 32 : 64))
            {
                return ContentDigestResult.Malformed;
            }

            var actual = await ComputeAsync(body, algorithm, cancellationToken).ConfigureAwait(false);
            return CryptographicOperations.FixedTimeEquals(actual, expected) ? ContentDigestResult.Valid : ContentDigestResult.Mismatch;
        }

        return ContentDigestResult.UnsupportedAlgorithm;
    }

    private static HashAlgorithmName HashName(string algorithm) => algorithm switch
    {
        Sha256 => HashAlgorithmName.SHA256,
        Sha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentException("Only sha-256 and sha-512 are supported for Content-Digest.", nameof(algorithm)),
    };
}
