using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text.Json;
using NSec.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>Reads PEM/DER and JWK key encodings into <see cref="HttpSignatureKey"/>.</summary>
internal static class KeyImport
{
    private const string OidRsa = "1.2.840.113549.1.1.1";
    private const string OidRsaPss = "1.2.840.113549.1.1.10";
    private const string OidEc = "1.2.840.10045.2.1";
    private const string OidEd25519 = "1.3.101.112";

    public static HttpSignatureKey FromDer(string keyId, string label, byte[] der)
    {
        switch (label)
        {
            case "RSA PUBLIC KEY":
                return Rsa(keyId, r => r.ImportRSAPublicKey(der, out _), false);
            case "RSA PRIVATE KEY":
                return Rsa(keyId, r => r.ImportRSAPrivateKey(der, out _), true);
            case "EC PRIVATE KEY":
                return Ec(keyId, e => e.ImportECPrivateKey(der, out _), true);
            case "PUBLIC KEY":
                {
                    var (oid, keyBytes) = ReadSubjectPublicKeyInfo(der);
                    return oid switch
                    {
                        // The RSASSA-PSS OID is not importable as SPKI by every platform: read the PKCS#1 key inside.
                        OidRsa or OidRsaPss => Rsa(keyId, r => r.ImportRSAPublicKey(keyBytes, out _), false),
                        OidEc => Ec(keyId, e => e.ImportSubjectPublicKeyInfo(der, out _), false),
                        OidEd25519 => HttpSignatureKey.CreateEd25519(keyId, null, PublicKey.Import(SignatureAlgorithm.Ed25519, der, KeyBlobFormat.PkixPublicKey)),
                        _ => throw new ArgumentException("The PEM public key uses an unsupported algorithm."),
                    };
                }

            case "PRIVATE KEY":
                {
                    var (oid, keyBytes) = ReadPkcs8(der);
                    try
                    {
                        switch (oid)
                        {
                            case OidRsa or OidRsaPss:
                                return Rsa(keyId, r => r.ImportRSAPrivateKey(keyBytes, out _), true);
                            case OidEc:
                                return Ec(keyId, e => e.ImportPkcs8PrivateKey(der, out _), true);
                            case OidEd25519:
                                {
                                    var key = Key.Import(SignatureAlgorithm.Ed25519, der, KeyBlobFormat.PkixPrivateKey);
                                    return HttpSignatureKey.CreateEd25519(keyId, key, key.PublicKey);
                                }

                            default:
                                throw new ArgumentException("The PEM private key uses an unsupported algorithm.");
                        }
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(keyBytes);
                    }
                }

            default:
                throw new ArgumentException("Unsupported PEM label; use PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY or EC PRIVATE KEY.");
        }
    }

    public static HttpSignatureKey FromJwk(string json, string? keyId)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var kid = keyId ?? Text(root, "kid") ?? throw new ArgumentException("The JWK has no kid and no key id was given.");
        var kty = Text(root, "kty");
        switch (kty)
        {
            case "oct":
                {
                    var secret = Bytes(root, "k") ?? throw new ArgumentException("The oct JWK has no k.");
                    try
                    {
                        return HttpSignatureKey.FromSharedSecret(kid, secret);
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(secret);
                    }
                }

            case "RSA":
                {
                    var p = new RSAParameters
                    {
                        Modulus = Bytes(root, "n") ?? throw new ArgumentException("The RSA JWK has no n."),
                        Exponent = Bytes(root, "e") ?? throw new ArgumentException("The RSA JWK has no e."),
                        D = Bytes(root, "d"),
                        P = Bytes(root, "p"),
                        Q = Bytes(root, "q"),
                        DP = Bytes(root, "dp"),
                        DQ = Bytes(root, "dq"),
                        InverseQ = Bytes(root, "qi"),
                    };
                    var hasPrivate = p.D is not null;
                    if (hasPrivate && (p.P is null || p.Q is null || p.DP is null || p.DQ is null || p.InverseQ is null))
                    {
                        throw new ArgumentException("The RSA JWK private key needs p, q, dp, dq and qi.");
                    }

                    return Rsa(kid, r => r.ImportParameters(p), hasPrivate);
                }

            case "EC":
                {
                    var curve = Text(root, "crv") switch
                    {
                        "P-256" => ECCurve.NamedCurves.nistP256,
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        _ => throw new ArgumentException("Only EC JWKs on P-256 and P-384 are supported."),
                    };
                    var p = new ECParameters
                    {
                        Curve = curve,
                        Q = new ECPoint { X = Bytes(root, "x"), Y = Bytes(root, "y") },
                        D = Bytes(root, "d"),
                    };
                    return Ec(kid, e => e.ImportParameters(p), p.D is not null);
                }

            case "OKP" when Text(root, "crv") == "Ed25519":
                {
                    var x = Bytes(root, "x") ?? throw new ArgumentException("The OKP JWK has no x.");
                    var d = Bytes(root, "d");
                    var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, x, KeyBlobFormat.RawPublicKey);
                    if (d is null)
                    {
                        return HttpSignatureKey.CreateEd25519(kid, null, publicKey);
                    }

                    try
                    {
                        var key = Key.Import(SignatureAlgorithm.Ed25519, d, KeyBlobFormat.RawPrivateKey);
                        if (!key.PublicKey.Equals(publicKey))
                        {
                            key.Dispose();
                            throw new ArgumentException("The OKP JWK's d and x do not belong together.");
                        }

                        return HttpSignatureKey.CreateEd25519(kid, key, key.PublicKey);
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(d);
                    }
                }

            default:
                throw new ArgumentException("Unsupported JWK kty; use oct, RSA, EC (P-256, P-384) or OKP (Ed25519).");
        }
    }

    private static HttpSignatureKey Rsa(string keyId, Action<RSA> import, bool hasPrivate)
    {
        var rsa = RSA.Create();
        try
        {
            import(rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }

        return HttpSignatureKey.CreateRsa(keyId, rsa, hasPrivate);
    }

    private static HttpSignatureKey Ec(string keyId, Action<ECDsa> import, bool hasPrivate)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            import(ecdsa);
            return HttpSignatureKey.CreateEcdsa(keyId, ecdsa, hasPrivate);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static (string Oid, byte[] Key) ReadSubjectPublicKeyInfo(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var spki = reader.ReadSequence();
        var algorithm = spki.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        var key = spki.ReadBitString(out _);
        return (oid, key);
    }

    private static (string Oid, byte[] Key) ReadPkcs8(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var info = reader.ReadSequence();
        _ = info.ReadInteger();
        var algorithm = info.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        var key = info.ReadOctetString();
        return (oid, key);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Bytes(JsonElement root, string name)
    {
        var text = Text(root, name);
        if (text is null)
        {
            return null;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return Convert.FromBase64String(base64);
    }
}
