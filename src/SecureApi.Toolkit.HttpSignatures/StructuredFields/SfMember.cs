namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>A member of a structured-field list or dictionary: an <see cref="SfItem"/> or an <see cref="SfInnerList"/>.</summary>
public abstract class SfMember
{
    private protected SfMember(SfParameters? parameters)
    {
        Parameters = parameters ?? SfParameters.Empty;
    }

    /// <summary>Gets the member's parameters.</summary>
    /// <value>The default is no parameters.</value>
    public SfParameters Parameters { get; }
}
