using System.Collections;

namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>The ordered parameters of an item or inner list; keys are unique.</summary>
public sealed class SfParameters : IReadOnlyList<KeyValuePair<string, object>>
{
    private readonly KeyValuePair<string, object>[] _entries;

    /// <summary>Creates parameters from ordered key/value pairs.</summary>
    /// <param name="entries">The parameters in order. Values are bare items (long, decimal, string, <see cref="SfToken"/>, byte[], bool).</param>
    /// <exception cref="StructuredFieldException">A key occurs twice or a value is not a bare item.</exception>
    public SfParameters(IEnumerable<KeyValuePair<string, object>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Value is null || !SfItem.IsBareItem(_entries[i].Value))
            {
                throw new StructuredFieldException(StructuredFieldError.Unserializable, -1);
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(_entries[i].Key, _entries[j].Key, StringComparison.Ordinal))
                {
                    throw new StructuredFieldException(StructuredFieldError.DuplicateKey, -1);
                }
            }
        }
    }

    private SfParameters(KeyValuePair<string, object>[] entries, bool trusted)
    {
        _ = trusted;
        _entries = entries;
    }

    /// <summary>Gets the empty parameter set.</summary>
    public static SfParameters Empty { get; } = new([], trusted: true);

    /// <inheritdoc/>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public KeyValuePair<string, object> this[int index] => _entries[index];

    /// <summary>Gets the value of <paramref name="key"/>.</summary>
    /// <param name="key">The parameter key.</param>
    /// <param name="value">The bare value when found.</param>
    /// <returns><see langword="true"/> when the parameter is present.</returns>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value)
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

    /// <summary>Gets whether <paramref name="key"/> is present.</summary>
    /// <param name="key">The parameter key.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static SfParameters FromTrusted(KeyValuePair<string, object>[] entries) =>
        entries.Length == 0 ? Empty : new SfParameters(entries, trusted: true);
}
