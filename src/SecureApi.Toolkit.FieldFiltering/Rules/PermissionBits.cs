namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>
/// A caller's permissions as a bitset over <see cref="PermissionIndex"/>, covering the names numbered when it was
/// made (<see cref="Known"/>). Immutable; a check beyond <see cref="Known"/> asks for a fresh one.
/// </summary>
internal sealed class PermissionBits
{
    public static readonly PermissionBits None = new([], int.MaxValue);

    private readonly ulong[] _words;

    private PermissionBits(ulong[] words, int known)
    {
        _words = words;
        Known = known;
    }

    public int Known { get; }

    public static PermissionBits From(IReadOnlySet<string> permissions)
    {
        var known = PermissionIndex.Count;
        var words = new ulong[(known + 63) >> 6];
        foreach (var permission in permissions)
        {
            if (PermissionIndex.TryGet(permission, out var index) && index < known)
            {
                words[index >> 6] |= 1UL << index;
            }
        }

        return new PermissionBits(words, known);
    }

    public bool Has(int index)
    {
        var word = index >> 6;
        return (uint)word < (uint)_words.Length && (_words[word] & (1UL << index)) != 0;
    }

    /// <summary>Writes the set bits as a stable string, for cache keys: equal sets give equal strings.</summary>
    public string Fingerprint()
    {
        return string.Join('.', _words.Select(w => w.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
