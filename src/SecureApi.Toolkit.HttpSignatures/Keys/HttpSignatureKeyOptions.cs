namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>The keys a verifier trusts (or a signer holds), bindable from configuration and reloaded on change.</summary>
public sealed class HttpSignatureKeyOptions
{
    /// <summary>Gets the key definitions. Several may be valid at once, so a new key can be rolled in before the old one is retired.</summary>
    /// <value>The default is empty.</value>
    public IList<HttpSignatureKeyDefinition> Keys { get; } = [];
}
