namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>A declaration's permissions compiled to bit numbers, checked against a <see cref="PermissionBits"/>.</summary>
internal sealed class FieldRequirement
{
    private readonly int[] _indexes;
    private readonly int _single;
    private readonly bool _all;

    public FieldRequirement(IReadOnlyList<string> permissions, PermissionMatch match)
    {
        _indexes = permissions.Select(PermissionIndex.GetOrAdd).Distinct().ToArray();
        _single = _indexes.Length == 1 ? _indexes[0] : -1;
        _all = match == PermissionMatch.All;
        Highest = _indexes.Length == 0 ? -1 : _indexes.Max();
        Permissions = permissions;
    }

    /// <summary>Gets the largest bit number used, to know whether a bitset covers this requirement.</summary>
    public int Highest { get; }

    public IReadOnlyList<string> Permissions { get; }

    public bool IsSatisfiedBy(PermissionBits bits)
    {
        if (_single >= 0)
        {
            return bits.Has(_single);
        }

        if (_indexes.Length == 0)
        {
            // An empty declaration is a mistake the start-up validation reports; until then it hides the field.
            return false;
        }

        if (_all)
        {
            foreach (var index in _indexes)
            {
                if (!bits.Has(index))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var index in _indexes)
        {
            if (bits.Has(index))
            {
                return true;
            }
        }

        return false;
    }
}
