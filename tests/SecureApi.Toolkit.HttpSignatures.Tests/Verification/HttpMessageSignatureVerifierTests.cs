using Microsoft.Extensions.Time.Testing;

namespace SecureApi.Toolkit.HttpSignatures.Tests.Verification;

public class HttpMessageSignatureVerifierTests
{
    private static readonly DateTimeOffset RfcTime = DateTimeOffset.FromUnixTimeSeconds(1618884473);

    public static TheoryData<string, string, string> AppendixB2Signatures => new()
    {
        { "B.2.1 rsa-pss", "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"", "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:" },
        { "B.2.2 rsa-pss", "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"", "sig-b22=:LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQEdJzgI9qHxICagShLRiLMlAJjtq6N4CDfKtjvuJyE5qH7KT8UCMkSowOB4+ECxCmT8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SARYhpTlaqwZVtR8NV7+4UKkjqpcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFsURIjYErOs0tFTQosMTAoxk//0RoKUqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw==:" },
        { "B.2.3 rsa-pss", "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"", "sig-b23=:bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==:" },
        { "B.2.5 hmac", "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"", "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:" },
        { "B.2.6 ed25519", "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"", "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:" },
    };

    [Theory]
    [MemberData(nameof(AppendixB2Signatures))]
    public async Task VerifyAsync_AppendixB2RequestSignature_Verifies(string name, string signatureInput, string signature)
    {
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest)
            .AddField("Signature-Input", signatureInput)
            .AddField("Signature", signature);
        var result = await Verifier(RfcTime).VerifyAsync(message, LenientPolicy());
        Assert.True(result.Succeeded, name + ": " + result.FailureDetail);
    }

    [Theory]
    [MemberData(nameof(AppendixB2Signatures))]
    public async Task VerifyAsync_AppendixB2SignatureOverAlteredMessage_Fails(string name, string signatureInput, string signature)
    {
        // The date, authority and content-type are covered by every B.2 case except B.2.1, which covers nothing.
        var altered = Messages.HttpSignatureBaseTests.TestRequest.Replace("Host: example.com", "Host: example.net", StringComparison.Ordinal)
            .Replace("/foo?", "/fob?", StringComparison.Ordinal);
        var message = HttpText.Parse(altered)
            .AddField("Signature-Input", signatureInput)
            .AddField("Signature", signature);
        var result = await Verifier(RfcTime).VerifyAsync(message, LenientPolicy());
        if (name.StartsWith("B.2.1", StringComparison.Ordinal))
        {
            Assert.True(result.Succeeded);
        }
        else
        {
            Assert.Equal(HttpSignatureError.InvalidSignature, result.Error);
        }
    }

    [Fact]
    public async Task VerifyAsync_AppendixB24ResponseWithCorrectedDigest_Verifies()
    {
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestResponseFixed)
            .AddField("Signature-Input", "sig-b24=(\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\"")
            .AddField("Signature", "sig-b24=:wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==:");
        var result = await Verifier(RfcTime).VerifyAsync(message, LenientPolicy());
        Assert.True(result.Succeeded, result.FailureDetail);
        Assert.Equal(HttpSignatureAlgorithms.EcdsaP256Sha256, result.Algorithm);
    }

    [Fact]
    public async Task VerifyAsync_AppendixB24WithRfcListedDigest_Fails()
    {
        // The RFC's test-response lists a wrong Content-Digest (JlEy2...); the signature was made over the right one.
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestResponseFixed.Replace(
                "mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==",
                "JlEy2bfUz7WrWIjc1qV6KVLpdr/7L5/L4h7Sxvh6sNHpDQWDCL+GauFQWcZBvVDhiyOnAQsxzZFYwi0wDH+1pw==",
                StringComparison.Ordinal))
            .AddField("Signature-Input", "sig-b24=(\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\"")
            .AddField("Signature", "sig-b24=:wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==:");
        var result = await Verifier(RfcTime).VerifyAsync(message, LenientPolicy());
        Assert.Equal(HttpSignatureError.InvalidSignature, result.Error);
    }

    [Fact]
    public async Task VerifyAsync_AppendixB3TlsTerminatingProxy_Verifies()
    {
        var result = await Verifier(RfcTime).VerifyAsync(HttpText.Parse(RfcMessages.B3ProxyRequest), LenientPolicy());
        Assert.True(result.Succeeded, result.FailureDetail);
        Assert.Equal("ttrp", result.Label);
    }

    [Theory]
    [InlineData(nameof(RfcMessages.B4Signed), true)]
    [InlineData(nameof(RfcMessages.B4ValidAddedHeader), true)]
    [InlineData(nameof(RfcMessages.B4ValidRemovedDate), true)]
    [InlineData(nameof(RfcMessages.B4ValidReordered), true)]
    [InlineData(nameof(RfcMessages.B4InvalidMethodAuthority), false)]
    [InlineData(nameof(RfcMessages.B4InvalidAcceptOrder), false)]
    public async Task VerifyAsync_AppendixB4Transformations_MatchRfc(string messageName, bool valid)
    {
        var text = (string)typeof(RfcMessages).GetField(messageName)!.GetValue(null)!;
        var result = await Verifier(RfcTime).VerifyAsync(HttpText.Parse(text), LenientPolicy());
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Equal(HttpSignatureError.InvalidSignature, result.Error);
        }
    }

    [Fact]
    public async Task VerifyAsync_Section43MultipleSignatures_BothVerify()
    {
        var message = HttpText.Parse(RfcMessages.MultipleFinal);
        var proxy = await Verifier(DateTimeOffset.FromUnixTimeSeconds(1618884480)).VerifyAsync(message, new HttpSignatureVerificationPolicy { Label = "proxy_sig", MaxAge = TimeSpan.FromDays(1) });
        Assert.True(proxy.Succeeded, proxy.FailureDetail);
        Assert.Equal(HttpSignatureAlgorithms.RsaV15Sha256, proxy.Algorithm);

        // The client's sig1 covers @authority, which the proxy changed: it verifies over the client's original message only.
        var onOrigin = await Verifier(DateTimeOffset.FromUnixTimeSeconds(1618884480)).VerifyAsync(message, new HttpSignatureVerificationPolicy { Label = "sig1", MaxAge = TimeSpan.FromDays(1) });
        Assert.Equal(HttpSignatureError.InvalidSignature, onOrigin.Error);
        var client = await Verifier(DateTimeOffset.FromUnixTimeSeconds(1618884480)).VerifyAsync(HttpText.Parse(RfcMessages.MultipleClient), new HttpSignatureVerificationPolicy { Label = "sig1", MaxAge = TimeSpan.FromDays(1) });
        Assert.True(client.Succeeded, client.FailureDetail);
    }

    [Fact]
    public async Task VerifyAsync_Section24ResponsesBoundToRequest_Verify()
    {
        var request = HttpText.Parse(RfcMessages.ReqResRequest);
        var response = HttpText.Parse(RfcMessages.ReqResResponse1, request);
        var now = DateTimeOffset.FromUnixTimeSeconds(1618884479);
        var result = await Verifier(now).VerifyAsync(response, LenientPolicy());
        Assert.True(result.Succeeded, result.FailureDetail);

        var signedRequest = HttpText.Parse(RfcMessages.ReqResSignedRequest);
        Assert.True((await Verifier(now).VerifyAsync(signedRequest, LenientPolicy())).Succeeded);
        var response2 = HttpText.Parse(RfcMessages.ReqResResponse2, signedRequest);
        var result2 = await Verifier(now).VerifyAsync(response2, LenientPolicy());
        Assert.True(result2.Succeeded, result2.FailureDetail);
    }

    [Fact]
    public async Task VerifyAsync_NoSignature_FailsMissing()
    {
        var result = await Verifier(RfcTime).VerifyAsync(HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest), LenientPolicy());
        Assert.Equal(HttpSignatureError.Missing, result.Error);
    }

    [Theory]
    [InlineData("sig1=(\"@method\";created=1", "sig1=:AAAA:", HttpSignatureError.Malformed)]
    [InlineData("sig1=\"@method\"", "sig1=:AAAA:", HttpSignatureError.Malformed)]
    [InlineData("sig1=(\"@method\");created=1618884473;keyid=\"test-shared-secret\"", "sig1=\"text\"", HttpSignatureError.Malformed)]
    [InlineData("sig1=(\"@method\");created=1618884473;keyid=\"test-shared-secret\"", "other=:AAAA:", HttpSignatureError.Malformed)]
    [InlineData("sig1=(\"@method\");created=1618884473", "sig1=:AAAA:", HttpSignatureError.Malformed)]
    [InlineData("sig1=(\"@method\");created=\"1618884473\";keyid=\"test-shared-secret\"", "sig1=:AAAA:", HttpSignatureError.Malformed)]
    [InlineData("sig1=(\"@method\");created=1618884473;keyid=\"nobody\"", "sig1=:AAAA:", HttpSignatureError.UnknownKey)]
    [InlineData("sig1=(\"@method\");created=1618884473;keyid=\"test-shared-secret\";alg=\"ed25519\"", "sig1=:AAAA:", HttpSignatureError.AlgorithmNotAllowed)]
    [InlineData("sig1=(\"@method\");created=1618884473;keyid=\"test-shared-secret\";alg=\"rot13\"", "sig1=:AAAA:", HttpSignatureError.AlgorithmNotAllowed)]
    [InlineData("sig1=(\"@method\");created=1618884473;keyid=\"test-shared-secret\"", "sig1=:AAAA:", HttpSignatureError.InvalidSignature)]
    [InlineData("sig1=(\"@method\");created=1618884473;expires=1618884474;keyid=\"test-shared-secret\"", "sig1=:AAAA:", HttpSignatureError.Expired)]
    [InlineData("sig1=(\"@method\");created=1618884000;keyid=\"test-shared-secret\"", "sig1=:AAAA:", HttpSignatureError.TooOld)]
    [InlineData("sig1=(\"@method\");created=1618884600;keyid=\"test-shared-secret\"", "sig1=:AAAA:", HttpSignatureError.FromFuture)]
    [InlineData("sig1=(\"@method\");keyid=\"test-shared-secret\"", "sig1=:AAAA:", HttpSignatureError.InsufficientCoverage)]
    [InlineData("sig1=(\"@method\" \"x-absent\");created=1618884473;keyid=\"test-shared-secret\"", "sig1=:AAAA:", HttpSignatureError.ComponentMissing)]
    [InlineData("sig1=(\"@method\" \"@bogus\");created=1618884473;keyid=\"test-shared-secret\"", "sig1=:AAAA:", HttpSignatureError.InvalidComponent)]
    [InlineData("sig1=(\"@method\" \"x-absent\");created=1618884473;keyid=\"nobody\"", "sig1=:AAAA:", HttpSignatureError.ComponentMissing)]
    [InlineData("sig1=(\"@method\" \"@bogus\");created=1618884473;keyid=\"nobody\"", "sig1=:AAAA:", HttpSignatureError.InvalidComponent)]
    [InlineData("sig1=(\"@method\" 1);created=1618884473;keyid=\"test-shared-secret\"", "sig1=:AAAA:", HttpSignatureError.Malformed)]
    public async Task VerifyAsync_BadSignature_FailsWithReason(string input, string signature, HttpSignatureError expected)
    {
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest)
            .AddField("Signature-Input", input)
            .AddField("Signature", signature);
        var policy = new HttpSignatureVerificationPolicy { MaxAge = TimeSpan.FromMinutes(5), AllowedFutureSkew = TimeSpan.FromSeconds(30) };
        var result = await Verifier(DateTimeOffset.FromUnixTimeSeconds(1618884480)).VerifyAsync(message, policy);
        Assert.Equal(expected, result.Error);
        Assert.DoesNotContain("uzvJfB4u", result.FailureDetail ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_PolicyRequirements_AreEnforced()
    {
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest)
            .AddField("Signature-Input", "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"")
            .AddField("Signature", "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:");
        var verifier = Verifier(RfcTime);

        var needsMethod = LenientPolicy();
        needsMethod.RequiredComponents.Add("@method");
        Assert.Equal(HttpSignatureError.InsufficientCoverage, (await verifier.VerifyAsync(message, needsMethod)).Error);

        Assert.Equal(HttpSignatureError.InsufficientCoverage, (await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy { RequireNonce = true })).Error);
        Assert.Equal(HttpSignatureError.InsufficientCoverage, (await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy { RequireExpires = true })).Error);
        Assert.Equal(HttpSignatureError.InsufficientCoverage, (await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy { RequiredTag = "app" })).Error);

        var onlyEd = LenientPolicy();
        onlyEd.AllowedAlgorithms.Add(HttpSignatureAlgorithms.Ed25519);
        Assert.Equal(HttpSignatureError.AlgorithmNotAllowed, (await verifier.VerifyAsync(message, onlyEd)).Error);

        Assert.Equal(HttpSignatureError.Missing, (await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy { Label = "other" })).Error);
        Assert.True((await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy { Label = "sig-b25" })).Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_KeyOutsideValidityWindow_FailsUnknownKey()
    {
        var key = TestKeys.SharedSecret();
        key.NotAfter = RfcTime;
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest)
            .AddField("Signature-Input", "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"")
            .AddField("Signature", "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:");
        var verifier = new HttpMessageSignatureVerifier(new DictionaryKeyResolver(key), new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(RfcTime));
        Assert.Equal(HttpSignatureError.UnknownKey, (await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy())).Error);

        key.NotAfter = RfcTime.AddSeconds(1);
        key.NotBefore = RfcTime.AddSeconds(-1);
        Assert.True((await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy())).Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_ResolverThrows_FailsUnavailable()
    {
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest)
            .AddField("Signature-Input", "sig-b25=(\"date\");created=1618884473;keyid=\"k\"")
            .AddField("Signature", "sig-b25=:AAAA:");
        var verifier = new HttpMessageSignatureVerifier(new ThrowingResolver(), new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(RfcTime));
        Assert.Equal(HttpSignatureError.Unavailable, (await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy())).Error);
    }

    [Fact]
    public async Task VerifyAsync_TooManySignatures_ExaminesOnlyTheLimit()
    {
        var inputs = string.Join(", ", Enumerable.Range(0, 5).Select(i => $"s{i}=(\"date\");created=1618884473;keyid=\"nobody{i}\""));
        var resolver = new CountingResolver();
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest)
            .AddField("Signature-Input", inputs)
            .AddField("Signature", string.Join(", ", Enumerable.Range(0, 5).Select(i => $"s{i}=:AAAA:")));
        var verifier = new HttpMessageSignatureVerifier(resolver, new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(RfcTime));
        var result = await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy { MaxSignatures = 2 });
        Assert.Equal(HttpSignatureError.UnknownKey, result.Error);
        Assert.Equal(2, resolver.Calls);
    }

    internal static HttpMessageSignatureVerifier Verifier(DateTimeOffset now) =>
        new(TestKeys.PublicResolver(), new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(now));

    internal static HttpSignatureVerificationPolicy LenientPolicy() => new() { MaxAge = TimeSpan.FromDays(1), AllowedFutureSkew = TimeSpan.FromDays(1) };

    private sealed class ThrowingResolver : IHttpSignatureKeyResolver
    {
        public ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken) => throw new InvalidOperationException("vault down");
    }

    private sealed class CountingResolver : IHttpSignatureKeyResolver
    {
        public int Calls { get; private set; }

        public ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult<HttpSignatureKey?>(null);
        }
    }
}
