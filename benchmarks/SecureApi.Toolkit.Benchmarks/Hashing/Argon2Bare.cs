using System.Security.Cryptography;
using NSec.Cryptography;
using SecureApi.Toolkit.Hashing;

namespace SecureApi.Toolkit.Benchmarks.Hashing;

/// <summary>The bare engine calls the toolkit is measured against: no PHC string, no policy, no budget, no thread hop.</summary>
internal static class Argon2Bare
{
    public const int MemoryKiB = Argon2HashingOptions.MinimumMemoryKiB;
    public const int Iterations = 2;

    public static byte[] Hash(Argon2Engine engine, byte[] password, byte[] salt)
    {
        if (engine == Argon2Engine.Libsodium)
        {
            var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters { DegreeOfParallelism = 1, MemorySize = MemoryKiB, NumberOfPasses = Iterations });
            return algorithm.DeriveBytes(password, salt, 32);
        }

        using var argon2 = new Konscious.Security.Cryptography.Argon2id(password) { Salt = salt, MemorySize = MemoryKiB, Iterations = Iterations, DegreeOfParallelism = 1 };
        return argon2.GetBytes(32);
    }

    public static bool Verify(Argon2Engine engine, byte[] password, byte[] salt, byte[] expected)
        => CryptographicOperations.FixedTimeEquals(Hash(engine, password, salt), expected);
}
