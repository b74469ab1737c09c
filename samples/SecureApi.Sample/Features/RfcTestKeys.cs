using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Sample.Features;

/// <summary>
/// The RFC 9421 Appendix B.1 test keys (public halves, and the published test shared secret), trusted only in
/// Development. The RFC says they MUST NOT be used for anything but testing.
/// </summary>
internal static class RfcTestKeys
{
    public static void AddTo(HttpSignatureKeyOptions options)
    {
        options.Keys.Add(new HttpSignatureKeyDefinition { KeyId = "test-shared-secret", Secret = "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==", ClientId = "rfc9421" });
        options.Keys.Add(new HttpSignatureKeyDefinition { KeyId = "test-key-ed25519", Pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----", ClientId = "rfc9421" });
        options.Keys.Add(new HttpSignatureKeyDefinition
        {
            KeyId = "test-key-ecc-p256",
            Pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqIVYZVLCrPZHGHjP17CTW0/+D9Lf\nw0EkjqF7xB4FivAxzic30tMM4GF+hR6Dxh71Z50VGGdldkkDXZCnTNnoXQ==\n-----END PUBLIC KEY-----",
            ClientId = "rfc9421",
        });
        options.Keys.Add(new HttpSignatureKeyDefinition
        {
            KeyId = "test-key-rsa-pss",
            Pem = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr4tmm3r20Wd/PbqvP1s2\n+QEtvpuRaV8Yq40gjUR8y2Rjxa6dpG2GXHbPfvMs8ct+Lh1GH45x28Rw3Ry53mm+\noAXjyQ86OnDkZ5N8lYbggD4O3w6M6pAvLkhk95AndTrifbIFPNU8PPMO7OyrFAHq\ngDsznjPFmTOtCEcN2Z1FpWgchwuYLPL+Wokqltd11nqqzi+bJ9cvSKADYdUAAN5W\nUtzdpiy6LbTgSxP7ociU4Tn0g5I6aDZJ7A8Lzo0KSyZYoA485mqcO0GVAdVw9lq4\naOT9v6d+nb4bnNkQVklLQ3fVAvJm+xdDOp9LCNCN48V2pnDOkFV6+U9nV5oyc6XI\n2wIDAQAB\n-----END PUBLIC KEY-----",
            ClientId = "rfc9421",
        });
        var rsa = new HttpSignatureKeyDefinition
        {
            KeyId = "test-key-rsa",
            Pem = "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAhAKYdtoeoy8zcAcR874L8cnZxKzAGwd7v36APp7Pv6Q2jdsPBRrw\nWEBnez6d0UDKDwGbc6nxfEXAy5mbhgajzrw3MOEt8uA5txSKobBpKDeBLOsdJKFq\nMGmXCQvEG7YemcxDTRPxAleIAgYYRjTSd/QBwVW9OwNFhekro3RtlinV0a75jfZg\nkne/YiktSvLG34lw2zqXBDTC5NHROUqGTlML4PlNZS5Ri2U4aCNx2rUPRcKIlE0P\nuKxI4T+HIaFpv8+rdV6eUgOrB2xeI1dSFFn/nnv5OoZJEIB+VmuKn3DCUcCZSFlQ\nPSXSfBDiUGhwOw76WuSSsf1D4b/vLoJ10wIDAQAB\n-----END RSA PUBLIC KEY-----",
            ClientId = "rfc9421",
        };
        rsa.Algorithms.Add(HttpSignatureAlgorithms.RsaV15Sha256);
        options.Keys.Add(rsa);
    }
}
