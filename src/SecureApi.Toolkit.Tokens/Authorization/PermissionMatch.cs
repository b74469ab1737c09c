namespace SecureApi.Toolkit.Tokens;

/// <summary>How the permissions named by a <see cref="RequirePermissionAttribute"/> combine.</summary>
public enum PermissionMatch
{
    /// <summary>The caller needs at least one of the permissions.</summary>
    Any = 0,

    /// <summary>The caller needs every one of the permissions.</summary>
    All = 1,
}
