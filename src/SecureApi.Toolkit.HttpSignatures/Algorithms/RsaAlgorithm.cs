using System.Security.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>RSA signatures; .NET's PSS uses MGF1 with the same hash and a salt as long as the hash, as RFC 9421 requires.</summary>
internal sealed class RsaAlgorithm(string name, HashAlgorithmName hash, RSASignaturePadding padding) : IHttpSignatureAlgorithm
{
    public string Name => name;

    public bool SupportsKey(HttpSignatureKey key) => key.KeyType == HttpSignatureKeyType.Rsa && key.Rsa is not null;

    public ValueTask<byte[]> SignAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, CancellationToken cancellationToken)
    {
        if (!key.HasPrivateKey)
        {
            throw new HttpSignatureException(HttpSignatureError.UnknownKey, "The key has no private part.");
        }

        return ValueTask.FromResult(Rsa(key).SignData(signatureBase.Span, hash, padding));
    }

    public ValueTask<bool> VerifyAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Rsa(key).VerifyData(signatureBase.Span, signature.Span, hash, padding));

    private static RSA Rsa(HttpSignatureKey key) =>
        key.Rsa ?? throw new HttpSignatureException(HttpSignatureError.AlgorithmNotAllowed, "The key is not an RSA key.");
}
