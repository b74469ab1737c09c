namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>The compiled declarations of one type: which members are classified and how.</summary>
internal sealed class TypeRules
{
    public static readonly TypeRules Unclassified = new(null, new Dictionary<string, FieldRule?>(), false);

    private readonly FieldRule? _typeRule;
    private readonly Dictionary<string, FieldRule?> _members;

    public TypeRules(FieldRule? typeRule, Dictionary<string, FieldRule?> members, bool isClassified)
    {
        _typeRule = typeRule;
        _members = members;
        IsClassified = isClassified;
    }

    /// <summary>Gets whether any member of the type is classified.</summary>
    public bool IsClassified { get; }

    /// <summary>Gets the rule of a member by its CLR name, or <see langword="null"/> when it is public.</summary>
    public FieldRule? For(string memberName) => _members.TryGetValue(memberName, out var rule) ? rule : _typeRule;
}
