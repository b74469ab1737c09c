using System.Text;

namespace SecureApi.Toolkit.HttpSignatures.Tests.Digests;

public class ContentDigestTests
{
    private static readonly byte[] HelloWorld = Encoding.ASCII.GetBytes("{\"hello\": \"world\"}");

    [Theory]
    [InlineData(ContentDigest.Sha512, "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:")]
    [InlineData(ContentDigest.Sha256, "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")]
    public async Task CreateAsync_Rfc9530Sample_MatchesRfc(string algorithm, string expected)
    {
        Assert.Equal(expected, await ContentDigest.CreateAsync(new MemoryStream(HelloWorld), algorithm));
        Assert.Equal(expected, ContentDigest.Format(algorithm, ContentDigest.Compute(HelloWorld, algorithm)));
    }

    [Fact]
    public async Task CreateAsync_AppendixB24ResponseBody_MatchesCorrectedDigest()
    {
        Assert.Equal(
            "sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:",
            await ContentDigest.CreateAsync(new MemoryStream(Encoding.ASCII.GetBytes("{\"message\": \"good dog\"}")), ContentDigest.Sha512));
    }

    [Theory]
    [InlineData("sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:", ContentDigestResult.Valid)]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", ContentDigestResult.Valid)]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:", ContentDigestResult.Valid)]
    [InlineData("sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:", ContentDigestResult.Mismatch)]
    [InlineData("sha-256=:AAAA:", ContentDigestResult.Malformed)]
    [InlineData("sha-256=\"text\"", ContentDigestResult.Malformed)]
    [InlineData("sha-256=:X48E9q", ContentDigestResult.Malformed)]
    [InlineData("md5=:Sd/dVLAcvNLSq16eXua5uQ==:", ContentDigestResult.UnsupportedAlgorithm)]
    [InlineData(null, ContentDigestResult.Missing)]
    public async Task VerifyAsync_Field_ReturnsOutcome(string? field, ContentDigestResult expected)
    {
        Assert.Equal(expected, await ContentDigest.VerifyAsync(field, new MemoryStream(HelloWorld)));
    }

    [Fact]
    public async Task VerifyAsync_TamperedBody_Mismatch()
    {
        var field = ContentDigest.Format(ContentDigest.Sha256, ContentDigest.Compute(HelloWorld, ContentDigest.Sha256));
        Assert.Equal(ContentDigestResult.Mismatch, await ContentDigest.VerifyAsync(field, new MemoryStream(Encoding.ASCII.GetBytes("{\"hello\": \"World\"}"))));
    }

    [Fact]
    public async Task VerifyAsync_AlgorithmNotAccepted_Unsupported()
    {
        Assert.Equal(ContentDigestResult.UnsupportedAlgorithm, await ContentDigest.VerifyAsync("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", new MemoryStream(HelloWorld), [ContentDigest.Sha512]));
    }

    [Fact]
    public async Task ComputeAsync_LargeStreamInSmallReads_MatchesOneShot()
    {
        var body = new byte[1_000_003];
        new Random(42).NextBytes(body);
        var expected = System.Security.Cryptography.SHA512.HashData(body);
        Assert.Equal(expected, await ContentDigest.ComputeAsync(new TrickleStream(body), ContentDigest.Sha512));
    }

    [Fact]
    public async Task ComputeAsync_AfterAReadFailedMidBody_NextDigestIsUnaffected()
    {
        var body = Encoding.UTF8.GetBytes(new string('x', 40_000));
        foreach (var algorithm in (string[])[ContentDigest.Sha256, ContentDigest.Sha512])
        {
            // The failing read leaves a state holding part of a body; it must not be handed to the next request.
            await Assert.ThrowsAsync<IOException>(() => ContentDigest.ComputeAsync(new FailingStream(body), algorithm).AsTask());
            Assert.Equal(ContentDigest.Compute(body, algorithm), await ContentDigest.ComputeAsync(new MemoryStream(body), algorithm));
        }
    }

    [Fact]
    public async Task ComputeAsync_ManyAtOnce_EachMatchesOneShot()
    {
        var bodies = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), 100 + (i * 997)))).ToArray();
        var results = await Task.WhenAll(bodies.Select((body, i) => Task.Run(async () =>
        {
            var algorithm = i % 2 == 0 ? ContentDigest.Sha256 : ContentDigest.Sha512;
            return (await ContentDigest.ComputeAsync(new TrickleStream(body), algorithm)).AsSpan().SequenceEqual(ContentDigest.Compute(body, algorithm));
        })));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Format_UnknownAlgorithm_Throws()
    {
        Assert.Throws<ArgumentException>(() => ContentDigest.Format("md5", new byte[16]));
    }

    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 777)], cancellationToken);
    }

    private sealed class FailingStream(byte[] data) : MemoryStream(data)
    {
        private int _reads;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (++_reads > 1)
            {
                throw new IOException("connection reset");
            }

            return await base.ReadAsync(buffer, cancellationToken);
        }
    }
}
