namespace SecureApi.Toolkit.HttpSignatures.Tests.Client;

public class NonceSourceTests
{
    [Fact]
    public void Fill_ManyNoncesAcrossBlockRefills_AllDistinctAndNotZero()
    {
        // 16-byte nonces, several 1 KiB blocks' worth: no repeat, no all-zero slice (a consumed, zeroed slice handed out again).
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Span<byte> nonce = stackalloc byte[16];
        for (var i = 0; i < 1000; i++)
        {
            NonceSource.Fill(nonce);
            Assert.False(nonce.IndexOfAnyExcept((byte)0) < 0);
            Assert.True(seen.Add(Convert.ToHexString(nonce)));
        }
    }

    [Fact]
    public void Fill_LargerThanABlock_FillsEveryByte()
    {
        var bytes = new byte[4096];
        NonceSource.Fill(bytes);
        Assert.True(bytes.AsSpan(4000).IndexOfAnyExcept((byte)0) >= 0);
    }

    [Fact]
    public async Task Fill_OnManyThreads_NoNonceRepeats()
    {
        var all = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var nonce = new byte[16];
            for (var i = 0; i < 500; i++)
            {
                NonceSource.Fill(nonce);
                all.Add(Convert.ToHexString(nonce));
            }
        })));
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }
}
