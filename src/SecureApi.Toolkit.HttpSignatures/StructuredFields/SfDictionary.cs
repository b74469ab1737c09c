using System.Collections;

namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>A structured-field dictionary: ordered members with unique keys.</summary>
public sealed class SfDictionary : IReadOnlyList<KeyValuePair<string, SfMember>>
{
    private readonly KeyValuePair<string, SfMember>[] _entries;

    /// <summary>Creates a dictionary from ordered members.</summary>
    /// <param name="entries">The members in order.</param>
    /// <exception cref="StructuredFieldException">A key occurs twice.</exception>
    public SfDictionary(IEnumerable<KeyValuePair<string, SfMember>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            ArgumentNullException.ThrowIfNull(entry.Value);
            if (!seen.Add(entry.Key))
            {
                throw new StructuredFieldException(StructuredFieldError.DuplicateKey, -1);
            }
        }
    }

    /// <inheritdoc/>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public KeyValuePair<string, SfMember> this[int index] => _entries[index];

    /// <summary>Gets the member named <paramref name="key"/>.</summary>
    /// <param name="key">The member key.</param>
    /// <param name="value">The member when found.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SfMember? value)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, SfMember>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, SfMember>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
