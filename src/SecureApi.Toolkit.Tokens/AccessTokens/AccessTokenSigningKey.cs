using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// A key that signs access tokens, with its key id (<c>kid</c>) and algorithm. Keys rotate by time: the key with the
/// latest <see cref="SignFrom"/> that has been reached signs new tokens, and every key not yet past
/// <see cref="RetireAt"/> is published in the JWKS and accepted, so tokens signed by the previous key stay valid
/// during the overlap.
/// </summary>
public sealed class AccessTokenSigningKey
{
    private AccessTokenSigningKey(SecurityKey key, string keyId, string algorithm)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        key.KeyId = keyId;
        Key = key;
        KeyId = keyId;
        Algorithm = algorithm;
    }

    /// <summary>Gets the key id written to the token's <c>kid</c> header and the JWKS.</summary>
    public string KeyId { get; }

    /// <summary>Gets the JWS algorithm: <c>ES256</c>, <c>RS256</c> or <c>HS256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>Gets the key material.</summary>
    public SecurityKey Key { get; }

    /// <summary>Gets whether this is a shared-secret (HMAC) key, which is never published.</summary>
    public bool IsSymmetric => Key is SymmetricSecurityKey;

    /// <summary>
    /// Gets or sets when this key starts signing new tokens. Before that it is already published and accepted,
    /// so relying parties have fetched it before the first token signed with it arrives.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the key may sign at once.</value>
    public DateTimeOffset? SignFrom { get; set; }

    /// <summary>
    /// Gets or sets when this key stops being published and accepted. Set it at least the maximum token lifetime
    /// after the next key's <see cref="SignFrom"/>, so tokens it signed can live out their lifetime.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the key never retires.</value>
    public DateTimeOffset? RetireAt { get; set; }

    /// <summary>Creates an ES256 (ECDSA P-256, SHA-256) key from an existing key pair.</summary>
    /// <param name="key">A P-256 key with its private part.</param>
    /// <param name="keyId">The key id.</param>
    /// <returns>The signing key.</returns>
    public static AccessTokenSigningKey Es256(ECDsa key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize != 256)
        {
            throw new ArgumentException("ES256 needs a P-256 key (256 bits).", nameof(key));
        }

        return new AccessTokenSigningKey(new ECDsaSecurityKey(key), keyId, SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>Creates an ES256 key with a freshly generated P-256 key pair.</summary>
    /// <param name="keyId">The key id.</param>
    /// <returns>The signing key.</returns>
    public static AccessTokenSigningKey CreateEs256(string keyId) => Es256(ECDsa.Create(ECCurve.NamedCurves.nistP256), keyId);

    /// <summary>Creates an RS256 (RSASSA-PKCS1-v1_5, SHA-256) key from an existing key pair of at least 2048 bits.</summary>
    /// <param name="key">An RSA key with its private part.</param>
    /// <param name="keyId">The key id.</param>
    /// <returns>The signing key.</returns>
    public static AccessTokenSigningKey Rs256(RSA key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize < 2048)
        {
            throw new ArgumentException("RS256 needs an RSA key of at least 2048 bits.", nameof(key));
        }

        return new AccessTokenSigningKey(new RsaSecurityKey(key), keyId, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>Creates an RS256 key with a freshly generated 2048-bit key pair.</summary>
    /// <param name="keyId">The key id.</param>
    /// <returns>The signing key.</returns>
    public static AccessTokenSigningKey CreateRs256(string keyId) => Rs256(RSA.Create(2048), keyId);

    /// <summary>
    /// Creates an HS256 (HMAC-SHA256) key. Only for a single application that both issues and validates its
    /// tokens: the secret is never published, and HMAC keys cannot be mixed with asymmetric keys.
    /// </summary>
    /// <param name="secret">The shared secret; at least 32 bytes from a cryptographic random source. It is copied.</param>
    /// <param name="keyId">The key id.</param>
    /// <returns>The signing key.</returns>
    public static AccessTokenSigningKey Hs256(ReadOnlySpan<byte> secret, string keyId)
    {
        var copy = secret.ToArray();
        try
        {
            return new AccessTokenSigningKey(new SymmetricSecurityKey(copy), keyId, SecurityAlgorithms.HmacSha256);
        }
        finally
        {
            // SymmetricSecurityKey keeps its own copy.
            CryptographicOperations.ZeroMemory(copy);
        }
    }
}
