namespace SecureApi.Toolkit.Hashing;

/// <summary>The detail behind a <see cref="CredentialVerificationStatus"/>; a stable code for logs, metrics and decisions.</summary>
public enum CredentialVerificationReason
{
    /// <summary>No further detail (a plain <see cref="CredentialVerificationStatus.Success"/>).</summary>
    None = 0,

    /// <summary>The secret does not match.</summary>
    Mismatch = 1,

    /// <summary>Rehash: m, t, salt or tag length are below the current hashing parameters.</summary>
    ParametersBelowPolicy = 2,

    /// <summary>Rehash: the hash was made under another pepper (or none) than the current one.</summary>
    PepperRotated = 3,

    /// <summary>Rehash: the hash is in a legacy format (ASP.NET Core Identity V2 or V3).</summary>
    LegacyFormat = 4,

    /// <summary>
    /// Rehash: the PHC string lists its parameters as <c>m,p,t</c> (as the Node.js <c>argon2</c> package writes them)
    /// instead of the reference order <c>m,t,p</c>; see <see cref="Argon2HashingOptions.AcceptNodeParameterOrder"/>.
    /// </summary>
    NonCanonicalParameterOrder = 5,

    /// <summary>Malformed: the string breaks the PHC / reference-decoder rules.</summary>
    MalformedHash = 10,

    /// <summary>Malformed: no <c>v=</c> (version 0x10 to the reference) or a version other than 19.</summary>
    UnsupportedVersion = 11,

    /// <summary>Policy: m is above <see cref="Argon2VerifyPolicy.MaxMemoryKiB"/>.</summary>
    MemoryAboveCeiling = 20,

    /// <summary>Policy: t is above <see cref="Argon2VerifyPolicy.MaxIterations"/>.</summary>
    IterationsAboveCeiling = 21,

    /// <summary>Policy: p is above <see cref="Argon2VerifyPolicy.MaxParallelism"/>.</summary>
    ParallelismAboveCeiling = 22,

    /// <summary>Policy: the salt is longer than <see cref="Argon2VerifyPolicy.MaxSaltLength"/>.</summary>
    SaltLengthAboveCeiling = 23,

    /// <summary>Policy: the tag is longer than <see cref="Argon2VerifyPolicy.MaxHashLength"/>.</summary>
    HashLengthAboveCeiling = 24,

    /// <summary>Policy: a legacy Identity V3 hash asks for more PBKDF2 iterations than <see cref="Argon2VerifyPolicy.MaxLegacyIterations"/>.</summary>
    LegacyIterationsAboveCeiling = 25,

    /// <summary>Unsupported: the <c>keyid</c> names a pepper that is not configured.</summary>
    UnknownPepper = 30,

    /// <summary>Unsupported: the selected engine cannot compute this parameter set (for example libsodium with p &gt; 1).</summary>
    EngineLimitation = 31,

    /// <summary>Overloaded: the admission queue is full.</summary>
    QueueFull = 40,

    /// <summary>Overloaded: the work waited longer than <see cref="Argon2HashingOptions.QueueTimeout"/>.</summary>
    QueueTimeout = 41,
}
