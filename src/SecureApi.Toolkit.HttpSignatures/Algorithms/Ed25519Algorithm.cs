using NSec.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>Ed25519 through NSec (libsodium), because .NET has no Ed25519.</summary>
internal sealed class Ed25519Algorithm : IHttpSignatureAlgorithm
{
    public string Name => HttpSignatureAlgorithms.Ed25519;

    public bool SupportsKey(HttpSignatureKey key) => key.KeyType == HttpSignatureKeyType.Ed25519 && key.Ed25519Public is not null;

    public ValueTask<byte[]> SignAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, CancellationToken cancellationToken)
    {
        var privateKey = key.Ed25519Private ?? throw new HttpSignatureException(HttpSignatureError.UnknownKey, "The key has no private part.");
        return ValueTask.FromResult(SignatureAlgorithm.Ed25519.Sign(privateKey, signatureBase.Span));
    }

    public ValueTask<bool> VerifyAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken)
    {
        var publicKey = key.Ed25519Public ?? throw new HttpSignatureException(HttpSignatureError.AlgorithmNotAllowed, "The key is not an Ed25519 key.");
        return ValueTask.FromResult(SignatureAlgorithm.Ed25519.Verify(publicKey, signatureBase.Span, signature.Span));
    }
}
