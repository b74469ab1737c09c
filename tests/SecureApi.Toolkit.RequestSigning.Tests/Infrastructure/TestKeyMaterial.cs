using System.Security.Cryptography;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

/// <summary>Keys for the server tests: one definition (server side) and the matching signing key (client side) per algorithm.</summary>
internal static class TestKeyMaterial
{
    public const string Ed25519PrivatePem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----";
    public const string Ed25519PublicPem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----";

    private static readonly Lazy<RSA> Rsa = new(() => RSA.Create(2048));
    private static readonly Lazy<ECDsa> P256 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECDsa> P384 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP384));

    public static readonly byte[] Secret = RandomNumberGenerator.GetBytes(64);

    public static IEnumerable<string> Algorithms =>
    [
        HttpSignatureAlgorithms.HmacSha256,
        HttpSignatureAlgorithms.Ed25519,
        HttpSignatureAlgorithms.EcdsaP256Sha256,
        HttpSignatureAlgorithms.EcdsaP384Sha384,
        HttpSignatureAlgorithms.RsaPssSha512,
        HttpSignatureAlgorithms.RsaV15Sha256,
    ];

    /// <summary>The server-side definition for <paramref name="algorithm"/>, key id <c>key-{algorithm}</c>.</summary>
    public static HttpSignatureKeyDefinition Definition(string algorithm, string clientId = "acme", params string[] permissions)
    {
        var definition = new HttpSignatureKeyDefinition { KeyId = "key-" + algorithm, ClientId = clientId };
        switch (algorithm)
        {
            case HttpSignatureAlgorithms.HmacSha256:
                definition.Secret = Convert.ToBase64String(Secret);
                break;
            case HttpSignatureAlgorithms.Ed25519:
                definition.Pem = Ed25519PublicPem;
                break;
            case HttpSignatureAlgorithms.EcdsaP256Sha256:
                definition.Pem = P256.Value.ExportSubjectPublicKeyInfoPem();
                break;
            case HttpSignatureAlgorithms.EcdsaP384Sha384:
                definition.Pem = P384.Value.ExportSubjectPublicKeyInfoPem();
                break;
            default:
                definition.Pem = Rsa.Value.ExportSubjectPublicKeyInfoPem();
                definition.Algorithms.Add(algorithm);
                break;
        }

        foreach (var permission in permissions)
        {
            definition.Permissions.Add(permission);
        }

        return definition;
    }

    /// <summary>The client-side signing key for <paramref name="algorithm"/>.</summary>
    public static HttpSignatureKey SigningKey(string algorithm, string? keyId = null)
    {
        keyId ??= "key-" + algorithm;
        HttpSignatureKey key = algorithm switch
        {
            HttpSignatureAlgorithms.HmacSha256 => HttpSignatureKey.FromSharedSecret(keyId, Secret),
            HttpSignatureAlgorithms.Ed25519 => HttpSignatureKey.FromPem(keyId, Ed25519PrivatePem),
            HttpSignatureAlgorithms.EcdsaP256Sha256 => HttpSignatureKey.FromPem(keyId, P256.Value.ExportPkcs8PrivateKeyPem()),
            HttpSignatureAlgorithms.EcdsaP384Sha384 => HttpSignatureKey.FromPem(keyId, P384.Value.ExportPkcs8PrivateKeyPem()),
            _ => HttpSignatureKey.FromPem(keyId, Rsa.Value.ExportPkcs8PrivateKeyPem()),
        };
        if (algorithm is HttpSignatureAlgorithms.RsaPssSha512 or HttpSignatureAlgorithms.RsaV15Sha256)
        {
            key.Algorithms = [algorithm];
        }

        return key;
    }
}
