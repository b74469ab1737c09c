namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>The structured-field type of the fields this library knows, for the <c>;sf</c> component parameter.</summary>
internal static class StructuredFieldTypes
{
    public enum Kind
    {
        Unknown,
        Item,
        List,
        Dictionary,
    }

    public static Kind Of(string fieldName) => fieldName switch
    {
        "signature" or "signature-input" or "accept-signature" or "content-digest" or "repr-digest"
            or "want-content-digest" or "want-repr-digest" or "priority" or "cdn-cache-control" or "example-dict" => Kind.Dictionary,
        "accept-ch" or "cache-status" or "proxy-status" or "example-list" => Kind.List,
        "example-item" or "example-integer" or "example-decimal" or "example-string" or "example-token"
            or "example-bytesequence" or "example-boolean" => Kind.Item,
        _ => Kind.Unknown,
    };
}
