using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.Benchmarks.Signatures;

/// <summary>
/// Signing a request in the HttpClient handler (hmac-sha256 over the B.2.5-style components, created, expires and a
/// fresh nonce; the inner handler returns a canned response) against verifying such a signature; the target is
/// sign within 1.5x of verify, read as the Ratio column of <see cref="SignHmacInHandler"/>. The handler drops the
/// previous signature before signing (as on a retry), so one request object is re-signed and the figure is the
/// handler's own cost; <see cref="NewRequestAndSignHmacInHandler"/> adds building the HttpRequestMessage, for context.
/// </summary>
[MemoryDiagnoser]
public class SignatureSignBenchmarks
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1618884473);
    private HttpMessageInvoker _invoker = null!;
    private HttpMessageSignatureVerifier _verifier = null!;
    private InMemoryHttpMessage _signed = null!;
    private HttpRequestMessage _request = null!;
    private readonly HttpSignatureVerificationPolicy _policy = new() { MaxAge = TimeSpan.FromDays(1) };

    [GlobalSetup]
    public void Setup()
    {
        var secret = Convert.FromBase64String("uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==");
        var options = new HttpMessageSigningOptions();
        options.Keys.Add(HttpSignatureKey.FromSharedSecret("test-shared-secret", secret));
        options.Components.Clear();
        foreach (var c in new[] { "date", "@authority", "content-type" })
        {
            options.Components.Add(c);
        }

        _invoker = new HttpMessageInvoker(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now)) { InnerHandler = new NotSent() });

        _verifier = new HttpMessageSignatureVerifier(new Resolver(HttpSignatureKey.FromSharedSecret("test-shared-secret", secret)), new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now));
        _signed = InMemoryHttpMessage.CreateRequest("GET", "https", "example.com", "/foo?param=Value&Pet=dog")
            .AddField("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
            .AddField("Content-Type", "application/json");
        var request = Request();
        _invoker.SendAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        _signed.AddField("Signature-Input", request.Headers.GetValues("Signature-Input").Single());
        _signed.AddField("Signature", request.Headers.GetValues("Signature").Single());
        _request = Request();
    }

    [Benchmark(Baseline = true)]
    public bool VerifyHmac() => _verifier.VerifyAsync(_signed, _policy).GetAwaiter().GetResult().Succeeded;

    [Benchmark]
    public HttpResponseMessage SignHmacInHandler() => _invoker.SendAsync(_request, CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark]
    public HttpResponseMessage NewRequestAndSignHmacInHandler() => _invoker.SendAsync(Request(), CancellationToken.None).GetAwaiter().GetResult();

    private static HttpRequestMessage Request()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://example.com/foo?param=Value&Pet=dog");
        request.Headers.TryAddWithoutValidation("Date", "Tue, 20 Apr 2021 02:07:55 GMT");
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return request;
    }

    private sealed class NotSent : HttpMessageHandler
    {
        private static readonly HttpResponseMessage Response = new(System.Net.HttpStatusCode.NoContent);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(Response);
    }

    private sealed class Resolver(HttpSignatureKey key) : IHttpSignatureKeyResolver
    {
        public ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken) => ValueTask.FromResult<HttpSignatureKey?>(key);
    }
}
