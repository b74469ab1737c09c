using System.Security.Cryptography;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.ApiKeys;

public sealed class ApiKeyMacTests
{
    [Fact]
    public void Compute_RepeatedAndAfterKeyChanges_EqualsOneShotHmacSha256()
    {
        var first = RandomNumberGenerator.GetBytes(32);
        var second = RandomNumberGenerator.GetBytes(32);
        byte[][] inputs = [[], "sak_0123456789"u8.ToArray(), RandomNumberGenerator.GetBytes(300)];
        var mac = new byte[32];

        // The same thread, alternating keys and inputs: every answer must be the one-shot HMAC of that key and input.
        foreach (var key in new[] { first, first, second, first })
        {
            foreach (var input in inputs)
            {
                ApiKeyMac.Compute(key, input, mac);
                Assert.Equal(HMACSHA256.HashData(key, input), mac);
            }
        }
    }

    [Fact]
    public void Compute_KeyArrayChangedInPlace_UsesTheNewKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var input = "sak_abcdef"u8.ToArray();
        var mac = new byte[32];
        ApiKeyMac.Compute(key, input, mac);

        key[0] ^= 0xFF;
        ApiKeyMac.Compute(key, input, mac);

        Assert.Equal(HMACSHA256.HashData(key, input), mac);
    }

    [Fact]
    public async Task Compute_ManyThreadsAtOnce_EveryAnswerCorrect()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var input = BitConverter.GetBytes(i);
            var mac = new byte[32];
            for (var n = 0; n < 50; n++)
            {
                ApiKeyMac.Compute(key, input, mac);
                if (!mac.AsSpan().SequenceEqual(HMACSHA256.HashData(key, input)))
                {
                    return false;
                }
            }

            return true;
        })));

        Assert.All(results, Assert.True);
    }
}
