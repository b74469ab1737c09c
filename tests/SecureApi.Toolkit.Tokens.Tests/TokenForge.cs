using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecureApi.Toolkit.Tokens.Tests;

/// <summary>Builds JWS compact tokens by hand, as an attacker would, independent of the library under test.</summary>
internal static class TokenForge
{
    public static Dictionary<string, object> Payload(DateTimeOffset now, TimeSpan? lifetime = null, string issuer = TokenTestContext.Issuer, string audience = TokenTestContext.Audience)
        => new()
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = "mallory",
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(5))).ToUnixTimeSeconds(),
            ["scope"] = "orders.read orders.write",
        };

    public static Dictionary<string, object> Header(string alg, string? kid = "ec-1", string typ = "at+jwt")
    {
        var header = new Dictionary<string, object> { ["alg"] = alg, ["typ"] = typ };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    public static string SigningInput(Dictionary<string, object> header, Dictionary<string, object> payload)
        => Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Encode(JsonSerializer.SerializeToUtf8Bytes(payload));

    public static string Unsigned(Dictionary<string, object> header, Dictionary<string, object> payload)
        => SigningInput(header, payload) + ".";

    public static string Es256(ECDsa key, Dictionary<string, object> header, Dictionary<string, object> payload)
    {
        var input = SigningInput(header, payload);
        return input + "." + Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
    }

    public static string Rs256(RSA key, Dictionary<string, object> header, Dictionary<string, object> payload)
    {
        var input = SigningInput(header, payload);
        return input + "." + Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static string Hs256(byte[] secret, Dictionary<string, object> header, Dictionary<string, object> payload)
    {
        var input = SigningInput(header, payload);
        return input + "." + Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>Signs raw JSON texts as they are, so a test can write shapes a serializer would never produce.</summary>
    public static string Es256Raw(ECDsa key, string headerJson, string payloadJson)
    {
        var input = Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Encode(Encoding.UTF8.GetBytes(payloadJson));
        return input + "." + Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
    }

    /// <summary>Signs raw JSON texts with RS256, as an external authority would.</summary>
    public static string Rs256Raw(RSA key, string headerJson, string payloadJson)
    {
        var input = Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Encode(Encoding.UTF8.GetBytes(payloadJson));
        return input + "." + Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>Serializes <paramref name="members"/> and appends <paramref name="rawMembers"/> (JSON member text) to the object.</summary>
    public static string Json(Dictionary<string, object> members, string? rawMembers = null)
    {
        var json = JsonSerializer.Serialize(members);
        return rawMembers is null ? json : json[..^1] + (members.Count > 0 ? "," : "") + rawMembers + "}";
    }

    public static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static JsonElement DecodePart(string token, int index)
        => JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[index])).RootElement;
}
