namespace SecureApi.Toolkit.FieldFiltering;

/// <summary>How the permissions of a <see cref="FieldPermissionAttribute"/> combine.</summary>
public enum PermissionMatch
{
    /// <summary>Any one of the permissions is enough. The default.</summary>
    Any = 0,

    /// <summary>Every permission is required.</summary>
    All = 1,
}
