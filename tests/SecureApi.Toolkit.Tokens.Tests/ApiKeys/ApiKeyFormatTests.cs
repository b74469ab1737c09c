using System.Security.Cryptography;

namespace SecureApi.Toolkit.Tokens.Tests.ApiKeys;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void Create_Key_HasPrefixFixedLengthAndValidChecksum()
    {
        var (key, keyId) = ApiKeyFormat.Create("sak");
        Assert.StartsWith("sak_", key, StringComparison.Ordinal);
        Assert.Equal(ApiKeyFormat.Length("sak"), key.Length);
        Assert.True(ApiKeyFormat.TryParse(key, "sak", out var parsedId, out _));
        Assert.Equal(keyId, parsedId);
        Assert.Equal(12, keyId.Length);
    }

    [Fact]
    public void TryParse_FixedKey_ChecksumIsStandardCrc32InBase62()
    {
        // Checksum computed independently (zlib CRC-32 of the ASCII body, 6 base62 digits): keys issued by any version
        // of the format must keep parsing.
        Assert.True(ApiKeyFormat.TryParse("sak_Ab3dEf6hIj9L0123456789abcdefghijABCDEFGHIJKL4bOPjz", "sak", out var keyId, out var reason));
        Assert.Equal("Ab3dEf6hIj9L", keyId);
        Assert.Null(reason);
        Assert.Equal("4bOPjz", ApiKeyFormat.Checksum("sak_Ab3dEf6hIj9L0123456789abcdefghijABCDEFGHIJKL"));
    }

    [Fact]
    public void Crc32_CheckValue_IsStandardCrc32()
    {
        Assert.Equal(0xCBF43926u, ApiKeyFormat.Crc32("123456789"));
    }

    [Fact]
    public void TryParse_EverySingleCharacterTypo_RejectedByChecksumOrShape()
    {
        var (key, _) = ApiKeyFormat.Create("sak");
        for (var i = 4; i < key.Length; i++)
        {
            var typo = key.ToCharArray();
            typo[i] = typo[i] == 'x' ? 'y' : 'x';
            Assert.False(ApiKeyFormat.TryParse(new string(typo), "sak", out _, out var reason));
            Assert.Equal("api-key-checksum", reason);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("sak_short")]
    [InlineData("ghp_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP")]
    public void TryParse_WrongShape_Malformed(string key)
    {
        Assert.False(ApiKeyFormat.TryParse(key, "sak", out _, out var reason));
        Assert.Equal("api-key-malformed", reason);
    }

    [Fact]
    public void TryParse_NonAlphanumericCharacter_Malformed()
    {
        var (key, _) = ApiKeyFormat.Create("sak");
        var bad = key[..10] + "-" + key[11..];
        Assert.False(ApiKeyFormat.TryParse(bad, "sak", out _, out var reason));
        Assert.Equal("api-key-malformed", reason);
    }

    [Fact]
    public void Verify_SameKeyAndServerKey_MatchesOnlyThen()
    {
        var serverKey = RandomNumberGenerator.GetBytes(32);
        var (key, _) = ApiKeyFormat.Create("sak");
        var hash = ApiKeyFormat.Hash(serverKey, key);
        Assert.True(ApiKeyFormat.Verify(serverKey, key, hash));
        Assert.False(ApiKeyFormat.Verify(RandomNumberGenerator.GetBytes(32), key, hash));
        Assert.False(ApiKeyFormat.Verify(serverKey, ApiKeyFormat.Create("sak").Key, hash));
        Assert.False(ApiKeyFormat.Verify(serverKey, key, "not-base64!"));
    }
}
