using NSec.Cryptography;

namespace SecureApi.Toolkit.Hashing.Engines;

/// <summary>
/// libsodium's <c>crypto_pwhash_argon2id</c> through NSec.Cryptography. libsodium fixes p = 1 and the salt at
/// 16 bytes, has no secret (pepper) input, and NSec computes a 16-byte tag and truncates it when fewer bytes are asked
/// for, which is not Argon2 (the tag length is an input to H0). Those parameter sets are refused, never approximated.
/// </summary>
internal sealed class LibsodiumArgon2Engine : IArgon2Engine
{
    private const int SaltLength = 16;
    private const int MinHashLength = 16;

    public static LibsodiumArgon2Engine Instance { get; } = new();

    public string Name => "libsodium";

    // libsodium maps its blocks natively and unmaps them before returning.
    public bool AllocatesOnManagedHeap => false;

    public string? GetLimitation(Argon2Cost cost, int saltLength, int hashLength, bool withSecret, bool withAssociatedData = false)
    {
        if (withSecret)
        {
            return "libsodium-no-secret-input";
        }

        if (withAssociatedData)
        {
            return "libsodium-no-associated-data-input";
        }

        if (cost.Parallelism != 1)
        {
            return "libsodium-parallelism-must-be-1";
        }

        if (saltLength != SaltLength)
        {
            return "libsodium-salt-must-be-16-bytes";
        }

        return hashLength < MinHashLength ? "libsodium-hash-length-below-16" : null;
    }

    public void Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> associatedData, Argon2Cost cost, Span<byte> hash)
    {
        var limitation = GetLimitation(cost, salt.Length, hash.Length, !secret.IsEmpty, !associatedData.IsEmpty);
        if (limitation is not null)
        {
            throw new NotSupportedException($"The libsodium engine cannot compute this parameter set ({limitation}).");
        }

        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = cost.MemoryKiB,
            NumberOfPasses = cost.Iterations,
        });
        algorithm.DeriveBytes(password, salt, hash);
    }
}
