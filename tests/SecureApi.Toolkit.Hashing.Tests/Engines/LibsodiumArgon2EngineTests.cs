using System.Security.Cryptography;
using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Phc;

namespace SecureApi.Toolkit.Hashing.Tests.Engines;

public class LibsodiumArgon2EngineTests
{
    public static TheoryData<int> SupportedRows => new(Argon2Vectors.LibsodiumRows);

    public static TheoryData<int> UnsupportedRows
    {
        get
        {
            var data = new TheoryData<int>();
            foreach (var v in Argon2Vectors.Phc)
            {
                if (!Argon2Vectors.LibsodiumRows.Contains(v.Row))
                {
                    data.Add(v.Row);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SupportedRows))]
    public void Compute_PhcVectorWithinLibsodiumLimits_MatchesTheTagByteForByte(int row)
    {
        var (expected, actual) = EngineVectorRunner.Run(LibsodiumArgon2Engine.Instance, row);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(UnsupportedRows))]
    public void GetLimitation_PhcVectorOutsideLibsodiumLimits_IsReportedAndComputeRefuses(int row)
    {
        var vector = Argon2Vectors.Row(row);
        Assert.True(Argon2PhcCodec.TryParse(vector.Phc, out var hash, out _));
        var cost = EngineVectorRunner.Cost(hash!);

        var limitation = LibsodiumArgon2Engine.Instance.GetLimitation(cost, hash!.Salt.Length, hash.Hash.Length, vector.Pepper is not null);

        Assert.NotNull(limitation);
        Assert.Throws<NotSupportedException>(() => EngineVectorRunner.Run(LibsodiumArgon2Engine.Instance, row));
    }

    [Fact]
    public void GetLimitation_Rfc9106Vector_IsRefusedForSecretAndAssociatedData()
    {
        var limitation = LibsodiumArgon2Engine.Instance.GetLimitation(new Argon2Cost(32, 3, 4), 16, 32, withSecret: true, withAssociatedData: true);

        Assert.Equal("libsodium-no-secret-input", limitation);
        Assert.Equal("libsodium-no-associated-data-input", LibsodiumArgon2Engine.Instance.GetLimitation(new Argon2Cost(32, 3, 1), 16, 32, false, true));
        Assert.Equal("libsodium-parallelism-must-be-1", LibsodiumArgon2Engine.Instance.GetLimitation(new Argon2Cost(32, 3, 4), 16, 32, false));
        Assert.Equal("libsodium-salt-must-be-16-bytes", LibsodiumArgon2Engine.Instance.GetLimitation(new Argon2Cost(32, 3, 1), 8, 32, false));
        Assert.Equal("libsodium-hash-length-below-16", LibsodiumArgon2Engine.Instance.GetLimitation(new Argon2Cost(32, 3, 1), 16, 15, false));
    }

    [Theory]
    [InlineData(8, 1, 16)]
    [InlineData(64, 1, 32)]
    [InlineData(256, 3, 32)]
    [InlineData(1024, 2, 64)]
    [InlineData(4096, 1, 17)]
    public void Compute_SameInputsAsKonscious_GivesTheSameTag(int memoryKiB, int iterations, int hashLength)
    {
        var password = RandomNumberGenerator.GetBytes(20);
        var salt = RandomNumberGenerator.GetBytes(16);
        var cost = new Argon2Cost(memoryKiB, iterations, 1);
        var sodium = new byte[hashLength];
        var konscious = new byte[hashLength];

        LibsodiumArgon2Engine.Instance.Compute(password, salt, [], [], cost, sodium);
        KonsciousArgon2Engine.Instance.Compute(password, salt, [], [], cost, konscious);

        Assert.Equal(konscious, sodium);
    }
}
