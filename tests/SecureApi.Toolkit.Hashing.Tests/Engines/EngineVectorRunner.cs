using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Phc;

namespace SecureApi.Toolkit.Hashing.Tests.Engines;

/// <summary>Runs a PHC vector row through an engine and returns the computed tag.</summary>
internal static class EngineVectorRunner
{
    public static (byte[] Expected, byte[] Actual) Run(IArgon2Engine engine, int row)
    {
        var vector = Argon2Vectors.Row(row);
        Assert.True(Argon2PhcCodec.TryParse(vector.Phc, out var hash, out _));
        var actual = new byte[hash!.Hash.Length];
        var secret = vector.Pepper is null ? [] : Argon2Vectors.Utf8(vector.Pepper);
        engine.Compute(Argon2Vectors.Utf8(vector.Password), hash.Salt, secret, [], Cost(hash), actual);
        return (hash.Hash, actual);
    }

    public static Argon2Cost Cost(Argon2PhcHash hash) => new((int)hash.MemoryKiB, (int)hash.Iterations, (int)hash.Parallelism);
}
