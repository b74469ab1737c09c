using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Builds the RFC 9421 §5.1 <c>Accept-Signature</c> value that tells a client what to sign for a profile.</summary>
internal static class AcceptSignatureHint
{
    public static string For(SignatureProfile profile, bool hasBody)
    {
        var components = (hasBody ? profile.RequiredComponentsWithBody : profile.RequiredComponents)
            .Select(c => c.StartsWith('"') ? StructuredFieldParser.ParseItem(c) : new SfItem(c))
            .ToList();
        var parameters = new List<KeyValuePair<string, object>> { new("created", true) };
        if (profile.RequireExpires)
        {
            parameters.Add(new("expires", true));
        }

        if (profile.RequireNonce)
        {
            parameters.Add(new("nonce", true));
        }

        if (profile.AllowedAlgorithms.Count == 1)
        {
            parameters.Add(new("alg", profile.AllowedAlgorithms[0]));
        }

        if (profile.RequiredTag is { } tag)
        {
            parameters.Add(new("tag", tag));
        }

        return StructuredFieldSerializer.SerializeDictionary([new("sig1", new SfInnerList(components, new SfParameters(parameters)))]);
    }
}
