namespace SecureApi.Toolkit.FieldFiltering;

/// <summary>What a caller without the required permissions gets instead of a classified property's value.</summary>
public enum FieldAction
{
    /// <summary>The property is left out of the JSON object, as if it did not exist. The default.</summary>
    Remove = 0,

    /// <summary>The property is written with the value <c>null</c>.</summary>
    Null = 1,

    /// <summary>The property is written as a masked string; see <see cref="FieldMask"/>.</summary>
    Mask = 2,
}
