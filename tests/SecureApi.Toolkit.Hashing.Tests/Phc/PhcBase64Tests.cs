using System.Security.Cryptography;
using SecureApi.Toolkit.Hashing.Phc;

namespace SecureApi.Toolkit.Hashing.Tests.Phc;

public class PhcBase64Tests
{
    [Fact]
    public void Encode_ThenDecode_RoundTripsEveryLength()
    {
        for (var length = 0; length <= 70; length++)
        {
            var bytes = RandomNumberGenerator.GetBytes(length);
            var encoded = PhcBase64.Encode(bytes);

            Assert.DoesNotContain('=', encoded);
            Assert.True(PhcBase64.TryDecode(encoded, out var decoded));
            Assert.Equal(bytes, decoded);
        }
    }

    [Theory]
    [InlineData("A")]        // one character can hold no whole byte
    [InlineData("QQ==")]     // padding
    [InlineData("QR")]       // non-zero dangling bits: a second spelling of "A"
    [InlineData("QUJ")]      // non-zero dangling bits
    [InlineData("QU-D")]     // base64url alphabet
    [InlineData("QU D")]
    public void TryDecode_NonCanonical_Fails(string encoded)
        => Assert.False(PhcBase64.TryDecode(encoded, out _));
}
