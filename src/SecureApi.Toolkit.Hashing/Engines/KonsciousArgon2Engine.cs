using System.Security.Cryptography;
using Konscious.Security.Cryptography;

namespace SecureApi.Toolkit.Hashing.Engines;

/// <summary>
/// Konscious.Security.Cryptography.Argon2 (managed). It accepts inputs the reference rejects (short or missing salt,
/// m &lt; 8·p); the codec and the hasher refuse those before they get here.
/// </summary>
internal sealed class KonsciousArgon2Engine : IArgon2Engine
{
    // Konscious throws NotSupportedException above 1024 bytes of output.
    private const int MaxHashLength = 1024;

    public static KonsciousArgon2Engine Instance { get; } = new();

    public string Name => "konscious";

    // Konscious allocates each lane as one ulong array (m KiB in all, on the large object heap at the defaults).
    public bool AllocatesOnManagedHeap => true;

    public string? GetLimitation(Argon2Cost cost, int saltLength, int hashLength, bool withSecret, bool withAssociatedData = false)
        => hashLength > MaxHashLength ? "konscious-hash-length-above-1024" : null;

    public void Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> associatedData, Argon2Cost cost, Span<byte> hash)
    {
        // Konscious takes arrays and keeps references to them for the duration; copies are zeroed afterwards.
        var passwordCopy = password.ToArray();
        var secretCopy = secret.IsEmpty ? null : secret.ToArray();
        byte[]? tag = null;
        try
        {
            using var argon2 = new Argon2id(passwordCopy)
            {
                Salt = salt.ToArray(),
                KnownSecret = secretCopy,
                AssociatedData = associatedData.IsEmpty ? null : associatedData.ToArray(),
                MemorySize = cost.MemoryKiB,
                Iterations = cost.Iterations,
                DegreeOfParallelism = cost.Parallelism,
            };
            tag = argon2.GetBytes(hash.Length);
            tag.CopyTo(hash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordCopy);
            if (secretCopy is not null)
            {
                CryptographicOperations.ZeroMemory(secretCopy);
            }

            if (tag is not null)
            {
                CryptographicOperations.ZeroMemory(tag);
            }
        }
    }
}
