namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>A structured-field token (RFC 8941 §3.3.4), distinct from a string.</summary>
/// <param name="Value">The token's characters; validated when serialized.</param>
public readonly record struct SfToken(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}
