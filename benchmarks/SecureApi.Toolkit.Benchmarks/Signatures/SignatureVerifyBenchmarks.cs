using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.Benchmarks.Signatures;

/// <summary>
/// Verifying an hmac-sha256 signature over the RFC 9421 B.2.5 components (date, @authority, content-type) against a
/// bare HMACSHA256 over the same base bytes; and the same with a 1 KiB body and a sha-256 Content-Digest.
/// </summary>
[MemoryDiagnoser]
public class SignatureVerifyBenchmarks
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1618884473);
    private readonly HttpSignatureVerificationPolicy _policy = new() { MaxAge = TimeSpan.FromDays(1) };
    private readonly HttpSignatureVerificationPolicy _bodyPolicy = new() { MaxAge = TimeSpan.FromDays(1) };
    private byte[] _secret = null!;
    private byte[] _base = null!;
    private byte[] _expected = null!;
    private byte[] _body = null!;
    private HttpMessageSignatureVerifier _verifier = null!;
    private InMemoryHttpMessage _message = null!;
    private InMemoryHttpMessage _bodyMessage = null!;
    private string _digestField = null!;

    [GlobalSetup]
    public void Setup()
    {
        _secret = Convert.FromBase64String("uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==");
        _base = Encoding.ASCII.GetBytes("\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n\"@authority\": example.com\n\"content-type\": application/json\n\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"");
        _expected = HMACSHA256.HashData(_secret, _base);
        _verifier = new HttpMessageSignatureVerifier(new SingleKeyResolver(HttpSignatureKey.FromSharedSecret("test-shared-secret", _secret)), new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now));
        _message = Message()
            .AddField("Signature-Input", "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"")
            .AddField("Signature", "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:");

        _body = new byte[1024];
        new Random(1).NextBytes(_body);
        _digestField = ContentDigest.Format(ContentDigest.Sha256, SHA256.HashData(_body));
        var unsigned = Message().AddField("Content-Digest", _digestField);
        var input = "sig1=(\"date\" \"@authority\" \"content-type\" \"content-digest\");created=1618884473;keyid=\"test-shared-secret\"";
        var signatureBase = HttpSignatureBase.CreateBytes(unsigned, (SecureApi.Toolkit.HttpSignatures.StructuredFields.SfInnerList)SecureApi.Toolkit.HttpSignatures.StructuredFields.StructuredFieldParser.ParseDictionary(input)[0].Value);
        _bodyMessage = unsigned
            .AddField("Signature-Input", input)
            .AddField("Signature", "sig1=:" + Convert.ToBase64String(HMACSHA256.HashData(_secret, signatureBase)) + ":");
        _bodyPolicy.RequiredComponents.Add("content-digest");
    }

    [Benchmark(Baseline = true)]
    public bool BareHmacSha256()
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_secret, _base, mac);
        return CryptographicOperations.FixedTimeEquals(mac, _expected);
    }

    [Benchmark]
    public bool VerifyHmacB25()
    {
        var result = _verifier.VerifyAsync(_message, _policy).GetAwaiter().GetResult();
        return result.Succeeded;
    }

    [Benchmark]
    public bool VerifyHmacWith1KiBBodyAndDigest()
    {
        var result = _verifier.VerifyAsync(_bodyMessage, _bodyPolicy).GetAwaiter().GetResult();
        var digest = ContentDigest.VerifyAsync(_digestField, new MemoryStream(_body, writable: false), null).GetAwaiter().GetResult();
        return result.Succeeded && digest == ContentDigestResult.Valid;
    }

    private static InMemoryHttpMessage Message() =>
        InMemoryHttpMessage.CreateRequest("POST", "https", "example.com", "/foo?param=Value&Pet=dog")
            .AddField("Host", "example.com")
            .AddField("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
            .AddField("Content-Type", "application/json")
            .AddField("Content-Length", "1024");

    private sealed class SingleKeyResolver(HttpSignatureKey key) : IHttpSignatureKeyResolver
    {
        public ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(keyId == key.KeyId ? key : null);
    }
}
