using Microsoft.Extensions.Time.Testing;

namespace SecureApi.Toolkit.HttpSignatures.Tests.Signing;

public class HttpMessageSignerTests
{
    private static readonly DateTimeOffset RfcTime = DateTimeOffset.FromUnixTimeSeconds(1618884473);

    [Fact]
    public async Task SignAsync_AppendixB25Hmac_IsByteExact()
    {
        var parameters = new HttpSignatureSigningParameters { Label = "sig-b25", Created = RfcTime };
        foreach (var c in new[] { "date", "@authority", "content-type" })
        {
            parameters.Components.Add(c);
        }

        var signature = await new HttpMessageSigner(new HttpSignatureAlgorithmRegistry()).SignAsync(HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest), parameters, TestKeys.SharedSecret());
        Assert.Equal("sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"", signature.SignatureInput);
        Assert.Equal("sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:", signature.Signature);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignAsync_AppendixB26Ed25519_IsByteExact(bool fromJwk)
    {
        var parameters = new HttpSignatureSigningParameters { Label = "sig-b26", Created = RfcTime };
        foreach (var c in new[] { "date", "@method", "@path", "@authority", "content-type", "content-length" })
        {
            parameters.Components.Add(c);
        }

        var key = fromJwk ? HttpSignatureKey.FromJwk(RfcTestKeys.Ed25519Jwk) : TestKeys.Ed25519Private();
        var signature = await new HttpMessageSigner(new HttpSignatureAlgorithmRegistry()).SignAsync(HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest), parameters, key);
        Assert.Equal("sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"", signature.SignatureInput);
        Assert.Equal("sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:", signature.Signature);
    }

    public static TheoryData<string> SigningKeys => new() { "hmac", "rsa-pss", "rsa-pss-jwk", "rsa-v1_5", "ecdsa-p256", "ecdsa-p256-jwk", "ecdsa-p384", "ed25519" };

    [Theory]
    [MemberData(nameof(SigningKeys))]
    public async Task SignAsync_EveryAlgorithm_RoundTripsThroughVerifier(string which)
    {
        var (signing, verifying) = KeyPair(which);
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest);
        var parameters = new HttpSignatureSigningParameters { Created = RfcTime, Nonce = "n-1", IncludeAlgorithm = true, Tag = "app", Expires = RfcTime.AddMinutes(1) };
        foreach (var c in new[] { "@method", "@target-uri", "content-digest", "\"@query-param\";name=\"Pet\"" })
        {
            parameters.Components.Add(c);
        }

        var signature = await new HttpMessageSigner(new HttpSignatureAlgorithmRegistry()).SignAsync(message, parameters, signing);
        message.AddField("Signature-Input", signature.SignatureInput).AddField("Signature", signature.Signature);
        var verifier = new HttpMessageSignatureVerifier(new DictionaryKeyResolver(verifying), new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(RfcTime));
        var policy = new HttpSignatureVerificationPolicy { RequireNonce = true, RequireExpires = true, RequiredTag = "app" };
        policy.RequiredComponents.Add("\"@query-param\";name=\"Pet\"");
        var result = await verifier.VerifyAsync(message, policy);
        Assert.True(result.Succeeded, result.FailureDetail);
        Assert.Equal("n-1", result.Nonce);
        Assert.Equal(verifying.Algorithms[0], result.Algorithm);
    }

    [Fact]
    public async Task SignAsync_PublicKeyOnly_Throws()
    {
        var parameters = new HttpSignatureSigningParameters { Created = RfcTime };
        parameters.Components.Add("@method");
        var ex = await Assert.ThrowsAsync<HttpSignatureException>(async () => await new HttpMessageSigner(new HttpSignatureAlgorithmRegistry()).SignAsync(HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest), parameters, TestKeys.Ed25519Public()));
        Assert.Equal(HttpSignatureError.UnknownKey, ex.Error);
    }

    [Fact]
    public async Task SignAsync_AlgorithmNotAllowedForKey_Throws()
    {
        var parameters = new HttpSignatureSigningParameters { Created = RfcTime, Algorithm = HttpSignatureAlgorithms.RsaV15Sha256 };
        var ex = await Assert.ThrowsAsync<HttpSignatureException>(async () => await new HttpMessageSigner(new HttpSignatureAlgorithmRegistry()).SignAsync(HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest), parameters, TestKeys.RsaPssPrivate()));
        Assert.Equal(HttpSignatureError.AlgorithmNotAllowed, ex.Error);
    }

    [Fact]
    public async Task SignAsync_AsyncExternalProvider_IsUsed()
    {
        var registry = new HttpSignatureAlgorithmRegistry().Register(new FakeVaultAlgorithm());
        var key = HttpSignatureKey.ForExternalProvider("vault-key-1", "vault-hmac");
        var parameters = new HttpSignatureSigningParameters { Created = RfcTime };
        parameters.Components.Add("@method");
        var message = HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest);
        var signature = await new HttpMessageSigner(registry).SignAsync(message, parameters, key);
        message.AddField("Signature-Input", signature.SignatureInput).AddField("Signature", signature.Signature);
        var result = await new HttpMessageSignatureVerifier(new DictionaryKeyResolver(key), registry, new FakeTimeProvider(RfcTime)).VerifyAsync(message, new HttpSignatureVerificationPolicy());
        Assert.True(result.Succeeded, result.FailureDetail);
        Assert.Equal("vault-hmac", result.Algorithm);
    }

    internal static (HttpSignatureKey Signing, HttpSignatureKey Verifying) KeyPair(string which)
    {
        switch (which)
        {
            case "hmac":
                return (TestKeys.SharedSecret(), TestKeys.SharedSecret());
            case "rsa-pss":
                return (TestKeys.RsaPssPrivate(), TestKeys.RsaPssPublic());
            case "rsa-pss-jwk":
                return (HttpSignatureKey.FromJwk(RfcTestKeys.RsaPssJwk), TestKeys.RsaPssPublic());
            case "rsa-v1_5":
                return (TestKeys.RsaV15Private(), TestKeys.RsaV15Public());
            case "ecdsa-p256":
                return (TestKeys.EcP256Private(), TestKeys.EcP256Public());
            case "ecdsa-p256-jwk":
                return (HttpSignatureKey.FromJwk(RfcTestKeys.EccP256Jwk), HttpSignatureKey.FromJwk(RfcTestKeys.EccP256Jwk.Replace("\"d\"", "\"unused\"", StringComparison.Ordinal)));
            case "ecdsa-p384":
                {
                    using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
                    return (HttpSignatureKey.FromPem("p384", ec.ExportPkcs8PrivateKeyPem()), HttpSignatureKey.FromPem("p384", ec.ExportSubjectPublicKeyInfoPem()));
                }

            default:
                return (TestKeys.Ed25519Private(), TestKeys.Ed25519Public());
        }
    }

    private sealed class FakeVaultAlgorithm : IHttpSignatureAlgorithm
    {
        private static readonly byte[] VaultSecret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

        public string Name => "vault-hmac";

        public bool SupportsKey(HttpSignatureKey key) => key.KeyType == HttpSignatureKeyType.External;

        public async ValueTask<byte[]> SignAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return System.Security.Cryptography.HMACSHA256.HashData(VaultSecret, signatureBase.Span);
        }

        public async ValueTask<bool> VerifyAsync(HttpSignatureKey key, ReadOnlyMemory<byte> signatureBase, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Security.Cryptography.HMACSHA256.HashData(VaultSecret, signatureBase.Span), signature.Span);
        }
    }
}
