namespace SecureApi.Toolkit.Hashing.Engines;

/// <summary>An Argon2id (version 0x13) implementation the hasher runs.</summary>
internal interface IArgon2Engine
{
    /// <summary>Gets the engine's name for logs and metrics.</summary>
    string Name { get; }

    /// <summary>
    /// Gets a value indicating whether the engine allocates the m KiB on the managed heap, where it stays after the
    /// computation until a full garbage collection reclaims it (rather than freeing it natively on return).
    /// </summary>
    bool AllocatesOnManagedHeap { get; }

    /// <summary>
    /// Returns <see langword="null"/> when the engine computes exactly this parameter set, otherwise a stable reason
    /// code saying which limit it hits. Engines must refuse rather than compute something else.
    /// </summary>
    string? GetLimitation(Argon2Cost cost, int saltLength, int hashLength, bool withSecret, bool withAssociatedData = false);

    /// <summary>
    /// Computes the tag into <paramref name="hash"/> (its length is the tag length). The hasher never passes
    /// associated data (X); it is here so the RFC 9106 test vector, which uses it, runs through the engines.
    /// </summary>
    void Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> associatedData, Argon2Cost cost, Span<byte> hash);
}
