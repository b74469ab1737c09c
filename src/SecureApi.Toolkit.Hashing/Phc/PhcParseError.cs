namespace SecureApi.Toolkit.Hashing.Phc;

/// <summary>Why <c>Argon2PhcCodec.TryParse</c> refused a string; logged as a stable reason code.</summary>
internal enum PhcParseError
{
    None = 0,
    NotArgon2id,
    MissingVersion,
    UnsupportedVersion,
    BadStructure,
    BadDecimal,
    BadBase64,
    BadKeyId,
    SaltTooShort,
    HashTooShort,
    IterationsTooFew,
    ParallelismOutOfRange,
    MemoryTooLittle,

    // Not reference rules: the verify policy's salt and tag ceilings, applied before decoding.
    SaltAboveLimit,
    HashAboveLimit,
}
