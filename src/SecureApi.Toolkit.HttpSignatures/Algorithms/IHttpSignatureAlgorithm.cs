namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// One HTTP signature algorithm. Built-in algorithms complete synchronously; a provider that signs remotely (a key
/// vault, an HSM) implements the same contract asynchronously and is added with
/// <see cref="HttpSignatureAlgorithmRegistry.Register(IHttpSignatureAlgorithm)"/>.
/// </summary>
public interface IHttpSignatureAlgorithm
{
    /// <summary>Gets the algorithm name as used in the <c>alg</c> parameter, for example <c>ed25519</c>.</summary>
    string Name { get; }

    /// <summary>Gets whether <paramref name="key"/> holds material this algorithm can use.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when the key fits.</returns>
    bool SupportsKey(HttpSignatureKey key);

    /// <summary>Signs the signature base.</summary>
    /// <param name="key">The signing key.</param>
    /// <param name="signatureBase">The signature base bytes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The signature bytes.</returns>
    ValueTask<byte[]> SignAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, CancellationToken cancellationToken);

    /// <summary>Verifies a signature over the signature base.</summary>
    /// <param name="key">The verification key.</param>
    /// <param name="signatureBase">The signature base bytes.</param>
    /// <param name="signature">The signature bytes from the message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the signature is valid.</returns>
    ValueTask<bool> VerifyAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken);
}
