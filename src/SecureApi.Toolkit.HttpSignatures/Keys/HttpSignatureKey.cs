using System.Security.Cryptography;
using NSec.Cryptography;
using IncrementalHash = System.Security.Cryptography.IncrementalHash;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// A signing or verification key with its id and policy: the algorithms it may be used with and the window in which
/// it is valid, so an old and a new key can overlap during a rotation. Create one with <see cref="FromSharedSecret"/>,
/// <see cref="FromPem"/>, <see cref="FromJwk"/> or <see cref="ForExternalProvider"/>, and set the policy before sharing it.
/// </summary>
public sealed class HttpSignatureKey : IDisposable
{
    /// <summary>The shortest shared secret accepted, in bytes (the output size of SHA-256).</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>The smallest RSA modulus accepted, in bits.</summary>
    public const int MinimumRsaKeySize = 2048;

    private IReadOnlyList<string> _algorithms;

    // Keyed HMAC states, reused: keying HMAC (and creating the native context) costs more than hashing a signature base.
    // Created on first use, so keys of other types carry no pool.
    private IncrementalHash?[]? _hmacs;
    private volatile bool _disposed;

    private HttpSignatureKey(string keyId, HttpSignatureKeyType keyType, string defaultAlgorithm, bool hasPrivateKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        KeyId = keyId;
        KeyType = keyType;
        HasPrivateKey = hasPrivateKey;
        _algorithms = [defaultAlgorithm];
    }

    /// <summary>Gets the key id, as sent in the <c>keyid</c> signature parameter.</summary>
    public string KeyId { get; }

    /// <summary>Gets the kind of key material.</summary>
    public HttpSignatureKeyType KeyType { get; }

    /// <summary>Gets whether the key can sign (holds a private key or secret).</summary>
    public bool HasPrivateKey { get; }

    /// <summary>Gets or sets the algorithms this key may be used with; the first is used when a signature names none.</summary>
    /// <value>The default is the one algorithm that fits the key type: hmac-sha256, rsa-pss-sha512, ecdsa-p256-sha256, ecdsa-p384-sha384 or ed25519.</value>
    public IReadOnlyList<string> Algorithms
    {
        get => _algorithms;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
            {
                throw new ArgumentException("A key needs at least one allowed algorithm.", nameof(value));
            }

            _algorithms = [.. value];
        }
    }

    /// <summary>Gets or sets the time before which the key is not valid.</summary>
    /// <value>The default is <see langword="null"/> (valid from any time).</value>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Gets or sets the time from which the key is no longer valid.</summary>
    /// <value>The default is <see langword="null"/> (never expires).</value>
    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>Gets or sets the client the key belongs to; the server makes it the caller's <c>sub</c> and <c>client_id</c>.</summary>
    /// <value>The default is <see langword="null"/> (the key id is used).</value>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the permissions granted to requests signed with this key.</summary>
    /// <value>The default is no permissions.</value>
    public IReadOnlyList<string> Permissions { get; set; } = [];

    internal byte[]? Secret { get; private init; }

    internal RSA? Rsa { get; private init; }

    internal ECDsa? Ecdsa { get; private init; }

    internal Key? Ed25519Private { get; private init; }

    internal PublicKey? Ed25519Public { get; private init; }

    /// <summary>Gets whether the key is valid at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> inside the validity window.</returns>
    public bool IsValidAt(DateTimeOffset now) => (NotBefore is null || now >= NotBefore) && (NotAfter is null || now < NotAfter);

    /// <summary>Creates a shared-secret (HMAC) key. The bytes are copied.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="secret">The secret; at least <see cref="MinimumSecretLength"/> bytes.</param>
    /// <returns>The key.</returns>
    public static HttpSignatureKey FromSharedSecret(string keyId, ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"A shared secret must be at least {MinimumSecretLength} bytes; generate one with RandomNumberGenerator.GetBytes(64).", nameof(secret));
        }

        return new HttpSignatureKey(keyId, HttpSignatureKeyType.SharedSecret, HttpSignatureAlgorithms.HmacSha256, true) { Secret = secret.ToArray() };
    }

    /// <summary>Creates a key that an external algorithm provider signs or verifies with, by id; it holds no material here.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="algorithm">The provider's algorithm name.</param>
    /// <returns>The key.</returns>
    public static HttpSignatureKey ForExternalProvider(string keyId, string algorithm)
    {
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        return new HttpSignatureKey(keyId, HttpSignatureKeyType.External, algorithm, true);
    }

    /// <summary>
    /// Creates a key from PEM: <c>PUBLIC KEY</c> / <c>PRIVATE KEY</c> (RSA, RSASSA-PSS, EC, Ed25519), <c>RSA PUBLIC KEY</c>,
    /// <c>RSA PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>. When the text holds a private and a public block, the private one wins.
    /// </summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="pem">The PEM text.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The PEM holds no supported key.</exception>
    public static HttpSignatureKey FromPem(string keyId, string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        (string Label, byte[] Der)? chosen = null;
        var remaining = pem.AsSpan();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            var label = remaining[fields.Label].ToString();
            var der = Convert.FromBase64String(remaining[fields.Base64Data].ToString());
            if (chosen is null || label.Contains("PRIVATE", StringComparison.Ordinal))
            {
                chosen = (label, der);
            }

            remaining = remaining[fields.Location.End.Value..];
        }

        if (chosen is not { } block)
        {
            throw new ArgumentException("The PEM text holds no key block.", nameof(pem));
        }

        try
        {
            return KeyImport.FromDer(keyId, block.Label, block.Der);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block.Der);
        }
    }

    /// <summary>Creates a key from a JSON Web Key (kty <c>oct</c>, <c>RSA</c>, <c>EC</c> P-256/P-384, or <c>OKP</c> Ed25519).</summary>
    /// <param name="jwk">The JWK JSON.</param>
    /// <param name="keyId">The key id; defaults to the JWK's <c>kid</c>.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The JWK is not a supported key.</exception>
    public static HttpSignatureKey FromJwk(string jwk, string? keyId = null) => KeyImport.FromJwk(jwk, keyId);

    internal static HttpSignatureKey CreateRsa(string keyId, RSA rsa, bool hasPrivate)
    {
        if (rsa.KeySize < MinimumRsaKeySize)
        {
            rsa.Dispose();
            throw new ArgumentException($"An RSA key must have at least {MinimumRsaKeySize} bits.");
        }

        return new HttpSignatureKey(keyId, HttpSignatureKeyType.Rsa, HttpSignatureAlgorithms.RsaPssSha512, hasPrivate) { Rsa = rsa };
    }

    internal static HttpSignatureKey CreateEcdsa(string keyId, ECDsa ecdsa, bool hasPrivate)
    {
        var (type, alg) = ecdsa.KeySize switch
        {
            256 => (HttpSignatureKeyType.EcP256, HttpSignatureAlgorithms.EcdsaP256Sha256),
            384 => (HttpSignatureKeyType.EcP384, HttpSignatureAlgorithms.EcdsaP384Sha384),
            _ => throw new ArgumentException("Only P-256 and P-384 ECDSA keys are supported."),
        };
        return new HttpSignatureKey(keyId, type, alg, hasPrivate) { Ecdsa = ecdsa };
    }

    internal static HttpSignatureKey CreateEd25519(string keyId, Key? privateKey, PublicKey publicKey) =>
        new(keyId, HttpSignatureKeyType.Ed25519, HttpSignatureAlgorithms.Ed25519, privateKey is not null)
        {
            Ed25519Private = privateKey,
            Ed25519Public = publicKey,
        };

    /// <summary>Takes a keyed HMAC-SHA256 state for <see cref="Secret"/> from the key's small pool, or makes one; give it back with <see cref="ReturnHmac"/>.</summary>
    internal IncrementalHash RentHmac()
    {
        var pool = _hmacs ?? Interlocked.CompareExchange(ref _hmacs, new IncrementalHash?[Math.Clamp(Environment.ProcessorCount, 2, 16)], null) ?? _hmacs;
        var start = Environment.CurrentManagedThreadId;
        for (var i = 0; i < pool.Length; i++)
        {
            var hmac = Interlocked.Exchange(ref pool[(start + i) % pool.Length], null);
            if (hmac is not null)
            {
                return hmac;
            }
        }

        return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Secret ?? throw new HttpSignatureException(HttpSignatureError.AlgorithmNotAllowed, "The key is not a shared secret."));
    }

    /// <summary>Returns a state from <see cref="RentHmac"/>; it must have been reset (GetHashAndReset). Disposed when the pool is full.</summary>
    internal void ReturnHmac(IncrementalHash hmac)
    {
        var pool = _hmacs;
        if (pool is not null && !_disposed)
        {
            var start = Environment.CurrentManagedThreadId;
            for (var i = 0; i < pool.Length; i++)
            {
                if (Interlocked.CompareExchange(ref pool[(start + i) % pool.Length], hmac, null) is null)
                {
                    // A Dispose that ran meanwhile may have missed this slot: take it back out and drop it.
                    if (_disposed)
                    {
                        Interlocked.Exchange(ref pool[(start + i) % pool.Length], null)?.Dispose();
                    }

                    return;
                }
            }
        }

        hmac.Dispose();
    }

    /// <summary>Zeroes the secret and disposes the key objects.</summary>
    public void Dispose()
    {
        if (Secret is not null)
        {
            CryptographicOperations.ZeroMemory(Secret);
        }

        _disposed = true;
        if (_hmacs is { } pool)
        {
            for (var i = 0; i < pool.Length; i++)
            {
                Interlocked.Exchange(ref pool[i], null)?.Dispose();
            }
        }

        Rsa?.Dispose();
        Ecdsa?.Dispose();
        Ed25519Private?.Dispose();
    }
}
