namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>What kind of material an <see cref="HttpSignatureKey"/> holds.</summary>
public enum HttpSignatureKeyType
{
    /// <summary>A shared secret for HMAC.</summary>
    SharedSecret = 1,

    /// <summary>An RSA key (2048 bits or more).</summary>
    Rsa = 2,

    /// <summary>An ECDSA key on P-256.</summary>
    EcP256 = 3,

    /// <summary>An ECDSA key on P-384.</summary>
    EcP384 = 4,

    /// <summary>An Ed25519 key.</summary>
    Ed25519 = 5,

    /// <summary>No local material: an algorithm provider (for example a remote key vault) signs or verifies by key id.</summary>
    External = 6,
}
