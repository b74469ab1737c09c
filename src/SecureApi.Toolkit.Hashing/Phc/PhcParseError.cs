namespace SecureApi.Toolkit.Hashing.Phc;

/// <summary>Why <see cref="Argon2PhcCodec.TryParse"/> refused a string; logged as a stable reason code.</summary>
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
}
