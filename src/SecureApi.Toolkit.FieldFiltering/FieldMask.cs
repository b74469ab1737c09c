namespace SecureApi.Toolkit.FieldFiltering;

/// <summary>How a property with <see cref="FieldAction.Mask"/> is masked. A <c>null</c> value always stays <c>null</c>.</summary>
public enum FieldMask
{
    /// <summary>The fixed string <c>"****"</c>, whatever the value. The only mask allowed on non-string properties. The default.</summary>
    Fixed = 0,

    /// <summary>
    /// <c>"****"</c> followed by the last <see cref="FieldPermissionAttribute.KeepLast"/> characters (<c>"****1234"</c>);
    /// a value not longer than that is masked entirely.
    /// </summary>
    KeepLast = 1,

    /// <summary>
    /// The first character of the local part, <c>"***"</c> and the domain (<c>"j***@example.com"</c>); a value without
    /// <c>@</c> is masked entirely.
    /// </summary>
    Email = 2,

    /// <summary>
    /// A keyed HMAC-SHA256 pseudonym, <c>"&lt;key id&gt;:&lt;22 base64url characters&gt;"</c>: stable for one key, so
    /// equal values can be correlated without being revealed, and changed by rotating
    /// <see cref="FieldFilteringOptions.CurrentPseudonymKeyId"/>.
    /// </summary>
    Pseudonym = 3,
}
