namespace SecureApi.Toolkit.HttpSignatures.Tests.Keys;

public class HttpSignatureKeyTests
{
    [Theory]
    [InlineData(nameof(RfcTestKeys.RsaPublicPem), HttpSignatureKeyType.Rsa, false)]
    [InlineData(nameof(RfcTestKeys.RsaPrivatePem), HttpSignatureKeyType.Rsa, true)]
    [InlineData(nameof(RfcTestKeys.RsaPssPublicPem), HttpSignatureKeyType.Rsa, false)]
    [InlineData(nameof(RfcTestKeys.RsaPssPrivatePem), HttpSignatureKeyType.Rsa, true)]
    [InlineData(nameof(RfcTestKeys.EccP256PublicPem), HttpSignatureKeyType.EcP256, false)]
    [InlineData(nameof(RfcTestKeys.EccP256PrivatePem), HttpSignatureKeyType.EcP256, true)]
    [InlineData(nameof(RfcTestKeys.Ed25519PublicPem), HttpSignatureKeyType.Ed25519, false)]
    [InlineData(nameof(RfcTestKeys.Ed25519PrivatePem), HttpSignatureKeyType.Ed25519, true)]
    public void FromPem_RfcKeys_DetectsType(string field, HttpSignatureKeyType type, bool hasPrivate)
    {
        var pem = (string)typeof(RfcTestKeys).GetField(field)!.GetValue(null)!;
        using var key = HttpSignatureKey.FromPem("k", pem);
        Assert.Equal(type, key.KeyType);
        Assert.Equal(hasPrivate, key.HasPrivateKey);
    }

    [Fact]
    public void FromPem_PublicAndPrivateBlocks_PrefersPrivate()
    {
        using var key = HttpSignatureKey.FromPem("k", RfcTestKeys.EccP256PublicPem + "\n" + RfcTestKeys.EccP256PrivatePem);
        Assert.True(key.HasPrivateKey);
    }

    [Theory]
    [InlineData(nameof(RfcTestKeys.RsaPssJwk), HttpSignatureKeyType.Rsa, "test-key-rsa-pss")]
    [InlineData(nameof(RfcTestKeys.EccP256Jwk), HttpSignatureKeyType.EcP256, "test-key-ecc-p256")]
    [InlineData(nameof(RfcTestKeys.Ed25519Jwk), HttpSignatureKeyType.Ed25519, "test-key-ed25519")]
    public void FromJwk_RfcKeys_UsesKid(string field, HttpSignatureKeyType type, string kid)
    {
        using var key = HttpSignatureKey.FromJwk((string)typeof(RfcTestKeys).GetField(field)!.GetValue(null)!);
        Assert.Equal(type, key.KeyType);
        Assert.Equal(kid, key.KeyId);
        Assert.True(key.HasPrivateKey);
    }

    [Fact]
    public void FromJwk_OctKey_IsSharedSecret()
    {
        var k = Convert.ToBase64String(Convert.FromBase64String(RfcTestKeys.SharedSecretBase64)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var key = HttpSignatureKey.FromJwk("{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"" + k + "\"}");
        Assert.Equal(HttpSignatureKeyType.SharedSecret, key.KeyType);
        Assert.Equal([HttpSignatureAlgorithms.HmacSha256], key.Algorithms);
    }

    [Theory]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"P-521\",\"kid\":\"x\",\"x\":\"AA\",\"y\":\"AA\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"x\",\"x\":\"AA\"}")]
    [InlineData("{\"kty\":\"RSA\",\"kid\":\"x\"}")]
    [InlineData("{\"kty\":\"oct\",\"kid\":\"x\",\"k\":\"c2hvcnQ\"}")]
    [InlineData("{\"kty\":\"oct\",\"k\":\"c2hvcnQ\"}")]
    public void FromJwk_Unsupported_Throws(string jwk)
    {
        Assert.Throws<ArgumentException>(() => HttpSignatureKey.FromJwk(jwk));
    }

    [Fact]
    public void FromJwk_Ed25519WithMismatchedPublicKey_Throws()
    {
        var jwk = RfcTestKeys.Ed25519Jwk.Replace("JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => HttpSignatureKey.FromJwk(jwk));
    }

    [Fact]
    public void FromSharedSecret_Short_Throws()
    {
        Assert.Throws<ArgumentException>(() => HttpSignatureKey.FromSharedSecret("k", new byte[31]));
    }

    [Fact]
    public void FromPem_SmallRsaKey_Throws()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        Assert.Throws<ArgumentException>(() => HttpSignatureKey.FromPem("k", rsa.ExportSubjectPublicKeyInfoPem()));
    }

    [Theory]
    [InlineData("no pem here")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    public void FromPem_Unsupported_Throws(string pem)
    {
        Assert.Throws<ArgumentException>(() => HttpSignatureKey.FromPem("k", pem));
    }

    [Fact]
    public void IsValidAt_Window_IsHalfOpen()
    {
        using var key = TestKeys.SharedSecret();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        key.NotBefore = start;
        key.NotAfter = start.AddDays(1);
        Assert.False(key.IsValidAt(start.AddTicks(-1)));
        Assert.True(key.IsValidAt(start));
        Assert.False(key.IsValidAt(start.AddDays(1)));
    }

    [Fact]
    public void Algorithms_Empty_Throws()
    {
        using var key = TestKeys.SharedSecret();
        Assert.Throws<ArgumentException>(() => key.Algorithms = []);
    }

    [Fact]
    public async Task RentHmac_PooledStatesUsedConcurrently_EveryMacMatchesOneShotHmac()
    {
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(64);
        using var key = HttpSignatureKey.FromSharedSecret("k", secret);
        var algorithm = new HttpSignatureAlgorithmRegistry().TryGet(HttpSignatureAlgorithms.HmacSha256, out var a) ? a : throw new InvalidOperationException();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                var data = System.Text.Encoding.ASCII.GetBytes($"base {t} {i}");
                var mac = await algorithm.SignAsync(key, data, CancellationToken.None);
                Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(secret, data), mac);
                Assert.True(await algorithm.VerifyAsync(key, data, mac, CancellationToken.None));
                mac[0] ^= 1;
                Assert.False(await algorithm.VerifyAsync(key, data, mac, CancellationToken.None));
            }
        })));
    }
}
