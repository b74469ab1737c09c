using System.Security.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>hmac-sha256; the comparison is constant-time.</summary>
internal sealed class HmacSha256Algorithm : IHttpSignatureAlgorithm
{
    public string Name => HttpSignatureAlgorithms.HmacSha256;

    public bool SupportsKey(HttpSignatureKey key) => key.KeyType == HttpSignatureKeyType.SharedSecret && key.Secret is not null;

    public ValueTask<byte[]> SignAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, CancellationToken cancellationToken)
    {
        var mac = new byte[HMACSHA256.HashSizeInBytes];
        Compute(key, signatureBase.Span, mac);
        return ValueTask.FromResult(mac);
    }

    public ValueTask<bool> VerifyAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken)
    {
        if (signature.Length != HMACSHA256.HashSizeInBytes)
        {
            return ValueTask.FromResult(false);
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(key, signatureBase.Span, expected);
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(expected, signature.Span));
    }

    private static void Compute(HttpSignatureKey key, ReadOnlySpan<byte> signatureBase, Span<byte> mac)
    {
        _ = Secret(key);
        var hmac = key.RentHmac();
        hmac.AppendData(signatureBase);
        hmac.GetHashAndReset(mac);

        // Only a state that finished cleanly goes back; on an exception it is dropped with its native context.
        key.ReturnHmac(hmac);
    }

    private static byte[] Secret(HttpSignatureKey key) =>
        key.Secret ?? throw new HttpSignatureException(HttpSignatureError.AlgorithmNotAllowed, "The key is not a shared secret.");
}
