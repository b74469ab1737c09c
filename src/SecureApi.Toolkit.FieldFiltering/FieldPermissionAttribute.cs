namespace SecureApi.Toolkit.FieldFiltering;

/// <summary>
/// Declares that a property (or, on a class, every property not marked <see cref="PublicFieldAttribute"/>) is visible
/// only to callers holding the given permissions, and what other callers get instead. The same declaration guards
/// writes: a caller who may not see a property may not set it through a JSON request body.
/// </summary>
/// <example><c>[FieldPermission("customers.pii.read", Action = FieldAction.Mask, Mask = FieldMask.Email)]</c></example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = true, AllowMultiple = false)]
public sealed class FieldPermissionAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="permissions">The permissions, combined as <see cref="Matching"/> says. At least one.</param>
    public FieldPermissionAttribute(params string[] permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        Permissions = permissions;
    }

    /// <summary>Gets the permissions that make the property visible.</summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>Gets or sets how <see cref="Permissions"/> combine.</summary>
    /// <value>The default is <see cref="PermissionMatch.Any"/>.</value>
    public PermissionMatch Matching { get; set; } = PermissionMatch.Any;

    /// <summary>Gets or sets what a caller without the permissions gets.</summary>
    /// <value>The default is <see cref="FieldAction.Remove"/>.</value>
    public FieldAction Action { get; set; } = FieldAction.Remove;

    /// <summary>Gets or sets the mask used when <see cref="Action"/> is <see cref="FieldAction.Mask"/>.</summary>
    /// <value>The default is <see cref="FieldMask.Fixed"/>.</value>
    public FieldMask Mask { get; set; } = FieldMask.Fixed;

    /// <summary>Gets or sets how many trailing characters <see cref="FieldMask.KeepLast"/> keeps. Valid values are 1 to 16.</summary>
    /// <value>The default is 4.</value>
    public int KeepLast { get; set; } = 4;
}
