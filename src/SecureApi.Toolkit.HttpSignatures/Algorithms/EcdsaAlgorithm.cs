using System.Security.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>ECDSA with the RFC 9421 signature encoding: raw r‖s (IEEE P1363), never DER.</summary>
internal sealed class EcdsaAlgorithm(string name, HttpSignatureKeyType keyType, HashAlgorithmName hash) : IHttpSignatureAlgorithm
{
    public string Name => name;

    public bool SupportsKey(HttpSignatureKey key) => key.KeyType == keyType && key.Ecdsa is not null;

    public ValueTask<byte[]> SignAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, CancellationToken cancellationToken)
    {
        if (!key.HasPrivateKey)
        {
            throw new HttpSignatureException(HttpSignatureError.UnknownKey, "The key has no private part.");
        }

        return ValueTask.FromResult(Ecdsa(key).SignData(signatureBase.Span, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    public ValueTask<bool> VerifyAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Ecdsa(key).VerifyData(signatureBase.Span, signature.Span, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    private ECDsa Ecdsa(HttpSignatureKey key) =>
        SupportsKey(key) ? key.Ecdsa! : throw new HttpSignatureException(HttpSignatureError.AlgorithmNotAllowed, "The key does not fit the ECDSA curve.");
}
