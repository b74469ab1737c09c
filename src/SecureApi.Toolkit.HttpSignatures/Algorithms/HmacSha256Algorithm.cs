using System.Security.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>hmac-sha256; the comparison is constant-time.</summary>
internal sealed class HmacSha256Algorithm : IHttpSignatureAlgorithm
{
    public string Name => HttpSignatureAlgorithms.HmacSha256;

    public bool SupportsKey(HttpSignatureKey key) => key.KeyType == HttpSignatureKeyType.SharedSecret && key.Secret is not null;

    public ValueTask<byte[]> SignAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, CancellationToken cancellationToken) =>
        ValueTask.FromResult(HMACSHA256.HashData(Secret(key), signatureBase.Span));

    public ValueTask<bool> VerifyAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken)
    {
        if (signature.Length != HMACSHA256.HashSizeInBytes)
        {
            return ValueTask.FromResult(false);
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Secret(key), signatureBase.Span, expected);
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(expected, signature.Span));
    }

    private static byte[] Secret(HttpSignatureKey key) =>
        key.Secret ?? throw new HttpSignatureException(HttpSignatureError.AlgorithmNotAllowed, "The key is not a shared secret.");
}
