namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>A structured-field inner list: items in parentheses, with parameters of the list itself.</summary>
public sealed class SfInnerList : SfMember
{
    /// <summary>Creates an inner list.</summary>
    /// <param name="items">The items, in order.</param>
    /// <param name="parameters">The list's parameters; none when <see langword="null"/>.</param>
    public SfInnerList(IReadOnlyList<SfItem> items, SfParameters? parameters = null)
        : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
    }

    /// <summary>Gets the items, in order.</summary>
    public IReadOnlyList<SfItem> Items { get; }
}
