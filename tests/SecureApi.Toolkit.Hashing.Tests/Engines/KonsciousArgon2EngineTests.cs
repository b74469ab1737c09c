using SecureApi.Toolkit.Hashing.Engines;

namespace SecureApi.Toolkit.Hashing.Tests.Engines;

public class KonsciousArgon2EngineTests
{
    public static TheoryData<int> Rows => Argon2Vectors.AllRows();

    [Fact]
    public void Compute_Rfc9106Section53Vector_MatchesTheTagByteForByte()
    {
        var tag = new byte[32];

        KonsciousArgon2Engine.Instance.Compute(
            Argon2Vectors.Fill(32, 0x01),
            Argon2Vectors.Fill(16, 0x02),
            Argon2Vectors.Fill(8, 0x03),
            Argon2Vectors.Fill(12, 0x04),
            new Argon2Cost(32, 3, 4),
            tag);

        Assert.Equal(Argon2Vectors.RfcTagHex, Convert.ToHexStringLower(tag));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Compute_PhcVector_MatchesTheTagByteForByte(int row)
    {
        var (expected, actual) = EngineVectorRunner.Run(KonsciousArgon2Engine.Instance, row);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Compute_Row12WithoutThePepper_DoesNotMatch()
    {
        var vector = Argon2Vectors.Row(12);
        Assert.True(SecureApi.Toolkit.Hashing.Phc.Argon2PhcCodec.TryParse(vector.Phc, out var hash, out _));
        var actual = new byte[32];

        KonsciousArgon2Engine.Instance.Compute(Argon2Vectors.Utf8(vector.Password), hash!.Salt, [], [], EngineVectorRunner.Cost(hash), actual);

        Assert.NotEqual(hash.Hash, actual);
    }

    [Fact]
    public void GetLimitation_HashLongerThan1024Bytes_IsRefused()
    {
        Assert.NotNull(KonsciousArgon2Engine.Instance.GetLimitation(new Argon2Cost(64, 1, 1), 16, 1025, false));
        Assert.Null(KonsciousArgon2Engine.Instance.GetLimitation(new Argon2Cost(64, 1, 4), 8, 4, true, true));
    }
}
