namespace SecureApi.Toolkit.HttpSignatures.Tests;

/// <summary>The RFC test keys as <see cref="HttpSignatureKey"/>, and a resolver over them.</summary>
internal static class TestKeys
{
    public static HttpSignatureKey SharedSecret() => HttpSignatureKey.FromSharedSecret("test-shared-secret", Convert.FromBase64String(RfcTestKeys.SharedSecretBase64));

    public static HttpSignatureKey RsaPssPublic() => HttpSignatureKey.FromPem("test-key-rsa-pss", RfcTestKeys.RsaPssPublicPem);

    public static HttpSignatureKey RsaPssPrivate() => HttpSignatureKey.FromPem("test-key-rsa-pss", RfcTestKeys.RsaPssPrivatePem);

    public static HttpSignatureKey EcP256Public() => HttpSignatureKey.FromPem("test-key-ecc-p256", RfcTestKeys.EccP256PublicPem);

    public static HttpSignatureKey EcP256Private() => HttpSignatureKey.FromPem("test-key-ecc-p256", RfcTestKeys.EccP256PrivatePem);

    public static HttpSignatureKey Ed25519Public() => HttpSignatureKey.FromPem("test-key-ed25519", RfcTestKeys.Ed25519PublicPem);

    public static HttpSignatureKey Ed25519Private() => HttpSignatureKey.FromPem("test-key-ed25519", RfcTestKeys.Ed25519PrivatePem);

    public static HttpSignatureKey RsaV15Public()
    {
        var key = HttpSignatureKey.FromPem("test-key-rsa", RfcTestKeys.RsaPublicPem);
        key.Algorithms = [HttpSignatureAlgorithms.RsaV15Sha256];
        return key;
    }

    public static HttpSignatureKey RsaV15Private()
    {
        var key = HttpSignatureKey.FromPem("test-key-rsa", RfcTestKeys.RsaPrivatePem);
        key.Algorithms = [HttpSignatureAlgorithms.RsaV15Sha256];
        return key;
    }

    public static DictionaryKeyResolver PublicResolver() => new(SharedSecret(), RsaPssPublic(), EcP256Public(), Ed25519Public(), RsaV15Public());
}
