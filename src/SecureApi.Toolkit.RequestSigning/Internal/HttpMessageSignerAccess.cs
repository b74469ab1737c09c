using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Parses a configured component identifier the way the signer and verifier do.</summary>
internal static class HttpMessageSignerAccess
{
    public static SfItem ParseComponent(string component)
    {
        if (string.IsNullOrEmpty(component))
        {
            throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A component identifier is empty.");
        }

        if (component[0] != '"')
        {
            return new SfItem(component);
        }

        try
        {
            var item = StructuredFieldParser.ParseItem(component);
            return item.Value is string ? item : throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A component identifier must be a string.");
        }
        catch (StructuredFieldException ex)
        {
            throw new HttpSignatureException("A component identifier is not a valid structured-field item.", ex);
        }
    }
}
