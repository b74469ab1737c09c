namespace SecureApi.Toolkit.Hashing;

/// <summary>The Argon2id implementation that computes hashes.</summary>
public enum Argon2Engine
{
    /// <summary>Konscious.Security.Cryptography.Argon2 (managed; supports every parameter set and the pepper).</summary>
    Konscious = 0,

    /// <summary>
    /// libsodium through NSec.Cryptography (native). Limits: p = 1, 16-byte salt, tag of at least 16 bytes, no pepper.
    /// Stored hashes outside those limits verify as <see cref="CredentialVerificationStatus.Unsupported"/> with
    /// <see cref="CredentialVerificationReason.EngineLimitation"/>.
    /// </summary>
    Libsodium = 1,
}
