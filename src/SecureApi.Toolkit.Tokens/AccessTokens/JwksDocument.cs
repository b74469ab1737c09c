using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Writes the JSON Web Key Set (RFC 7517) of the live asymmetric signing keys: public parameters only, each with
/// <c>kid</c>, <c>alg</c> and <c>use</c>. HMAC keys are never published.
/// </summary>
internal sealed class JwksDocument(SigningKeyRing ring, TimeProvider time)
{
    public byte[] Build()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in ring.Published(time.GetUtcNow()))
            {
                writer.WriteStartObject();
                switch (key.Key)
                {
                    case ECDsaSecurityKey ec:
                        var p = ec.ECDsa.ExportParameters(includePrivateParameters: false);
                        writer.WriteString("kty", "EC");
                        writer.WriteString("crv", "P-256");
                        writer.WriteString("x", Base64Url.EncodeToString(p.Q.X));
                        writer.WriteString("y", Base64Url.EncodeToString(p.Q.Y));
                        break;
                    case RsaSecurityKey rsa:
                        var r = rsa.Rsa is { } alg ? alg.ExportParameters(includePrivateParameters: false) : rsa.Parameters;
                        writer.WriteString("kty", "RSA");
                        writer.WriteString("n", Base64Url.EncodeToString(r.Modulus));
                        writer.WriteString("e", Base64Url.EncodeToString(r.Exponent));
                        break;
                    default:
                        throw new CryptographicException($"Signing key '{key.KeyId}' has a type the JWKS cannot publish.");
                }

                writer.WriteString("kid", key.KeyId);
                writer.WriteString("alg", key.Algorithm);
                writer.WriteString("use", "sig");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
