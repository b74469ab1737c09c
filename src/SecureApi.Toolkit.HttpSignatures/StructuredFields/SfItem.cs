namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>
/// A structured-field item: a bare value with parameters. The bare value is one of <see cref="long"/> (integer),
/// <see cref="decimal"/>, <see cref="string"/>, <see cref="SfToken"/>, <see cref="T:byte[]"/> (byte sequence) or
/// <see cref="bool"/>.
/// </summary>
public sealed class SfItem : SfMember
{
    /// <summary>Creates an item.</summary>
    /// <param name="value">The bare value: long, decimal, string, <see cref="SfToken"/>, byte[] or bool.</param>
    /// <param name="parameters">The parameters; none when <see langword="null"/>.</param>
    public SfItem(object value, SfParameters? parameters = null)
        : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsBareItem(value))
        {
            throw new StructuredFieldException(StructuredFieldError.Unserializable, -1);
        }

        Value = value;
    }

    /// <summary>Gets the bare value.</summary>
    public object Value { get; }

    internal static bool IsBareItem(object value) =>
        value is long or decimal or string or SfToken or byte[] or bool;
}
