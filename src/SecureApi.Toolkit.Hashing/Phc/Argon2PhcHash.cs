namespace SecureApi.Toolkit.Hashing.Phc;

/// <summary>
/// The decoded fields of an <c>$argon2id$</c> PHC string. Values are what the string says; the codec has already
/// applied the reference decoder's rules, the verify policy has not been applied yet.
/// </summary>
/// <param name="MemoryKiB">m, in KiB (1 KiB blocks).</param>
/// <param name="Iterations">t, the number of passes.</param>
/// <param name="Parallelism">p, the number of lanes.</param>
/// <param name="KeyId">The pepper id from the <c>keyid</c> parameter, or <see langword="null"/> when absent.</param>
/// <param name="Salt">The salt bytes.</param>
/// <param name="Hash">The tag bytes.</param>
internal sealed record Argon2PhcHash(uint MemoryKiB, uint Iterations, uint Parallelism, string? KeyId, byte[] Salt, byte[] Hash)
{
    /// <summary>The only Argon2 version this toolkit reads and writes (0x13). Konscious hard-codes it into H0.</summary>
    public const int Version = 19;

    /// <summary>
    /// Gets a value indicating whether the string listed its parameters as <c>m,p,t</c> (the Node.js <c>argon2</c>
    /// package's order) instead of the reference <c>m,t,p</c>. Not part of the hash; the format always writes m,t,p.
    /// </summary>
    public bool NodeParameterOrder { get; init; }
}
