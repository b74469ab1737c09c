namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>The algorithm names of the RFC 9421 HTTP Signature Algorithms registry that this library implements.</summary>
public static class HttpSignatureAlgorithms
{
    /// <summary>HMAC using SHA-256 (RFC 9421 §3.3.3).</summary>
    public const string HmacSha256 = "hmac-sha256";

    /// <summary>ECDSA on P-256 with SHA-256, signature as raw r‖s (RFC 9421 §3.3.4).</summary>
    public const string EcdsaP256Sha256 = "ecdsa-p256-sha256";

    /// <summary>ECDSA on P-384 with SHA-384, signature as raw r‖s (RFC 9421 §3.3.5).</summary>
    public const string EcdsaP384Sha384 = "ecdsa-p384-sha384";

    /// <summary>RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt (RFC 9421 §3.3.1).</summary>
    public const string RsaPssSha512 = "rsa-pss-sha512";

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (RFC 9421 §3.3.2).</summary>
    public const string RsaV15Sha256 = "rsa-v1_5-sha256";

    /// <summary>Ed25519 (RFC 9421 §3.3.6), through NSec.Cryptography.</summary>
    public const string Ed25519 = "ed25519";
}
