namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>The declarations made in <see cref="FieldFilteringOptions"/> for one type.</summary>
internal sealed class TypeDeclaration
{
    public FieldPermissionAttribute? TypeRule { get; set; }

    public Dictionary<string, FieldPermissionAttribute> MemberRules { get; } = new(StringComparer.Ordinal);

    public HashSet<string> PublicMembers { get; } = new(StringComparer.Ordinal);
}
