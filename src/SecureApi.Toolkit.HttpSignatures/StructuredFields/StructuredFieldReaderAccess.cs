namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>The character classes of RFC 8941 and RFC 9110, shared by the signature base.</summary>
internal static class StructuredFieldReaderAccess
{
    public static bool IsTChar(char c) => StructuredFieldReader.IsTChar(c);
}
