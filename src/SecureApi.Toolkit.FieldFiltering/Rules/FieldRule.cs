namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>One classified member's declaration, compiled once per type.</summary>
internal sealed class FieldRule
{
    public FieldRule(string memberName, FieldPermissionAttribute declaration)
    {
        MemberName = memberName;
        Requirement = new FieldRequirement(declaration.Permissions, declaration.Matching);
        Action = declaration.Action;
        Mask = declaration.Mask;
        KeepLast = declaration.KeepLast;
    }

    public string MemberName { get; }

    public FieldRequirement Requirement { get; }

    public FieldAction Action { get; }

    public FieldMask Mask { get; }

    public int KeepLast { get; }
}
