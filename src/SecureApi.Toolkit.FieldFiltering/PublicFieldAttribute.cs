namespace SecureApi.Toolkit.FieldFiltering;

/// <summary>
/// Marks a property of a classified type (one with a class-level <see cref="FieldPermissionAttribute"/>) as visible to
/// every caller.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = true, AllowMultiple = false)]
public sealed class PublicFieldAttribute : Attribute
{
}
