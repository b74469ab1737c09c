namespace SecureApi.Toolkit.Benchmarks.Tokens;

/// <summary>The plaintext key table of <see cref="HandWrittenApiKeyHandler"/>: key → (subject, space-delimited scope).</summary>
internal sealed class HandWrittenApiKeys
{
    private readonly Dictionary<string, (string Subject, string Scope)> _keys = new(StringComparer.Ordinal);

    public HandWrittenApiKeys() => Lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();

    public Dictionary<string, (string Subject, string Scope)>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    public void Add(string key, string subject, string scope) => _keys.Add(key, (subject, scope));
}
