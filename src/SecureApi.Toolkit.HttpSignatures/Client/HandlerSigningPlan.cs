using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// What stays the same between requests signed with one key and one component list: the serialized component list
/// <c>("@method" "@authority")</c> and the parameters after the per-request ones (<c>;alg=…;keyid=…;tag=…</c>), so the
/// handler only formats <c>created</c>, <c>expires</c> and <c>nonce</c> per request. Only plain component names
/// qualify (no identifier parameters, nothing to escape); other lists go through <see cref="HttpMessageSigner"/>.
/// The text is produced by <see cref="StructuredFieldSerializer"/>, so it is exactly what the signer would write.
/// </summary>
internal sealed class HandlerSigningPlan
{
    private HandlerSigningPlan(string[] components, HttpSignatureKey key, string algorithm, bool includeAlgorithm, string? tag, string listText, string trailingParameters)
    {
        Components = components;
        Key = key;
        Algorithm = algorithm;
        IncludeAlgorithm = includeAlgorithm;
        Tag = tag;
        ListText = listText;
        TrailingParameters = trailingParameters;
    }

    /// <summary>Gets the component names, as configured when the plan was made.</summary>
    public string[] Components { get; }

    public HttpSignatureKey Key { get; }

    public string Algorithm { get; }

    public bool IncludeAlgorithm { get; }

    public string? Tag { get; }

    /// <summary>Gets the serialized inner list without parameters, for example <c>("date" "@authority")</c>.</summary>
    public string ListText { get; }

    /// <summary>Gets the serialized parameters that follow <c>nonce</c>: <c>;alg="…"</c> when sent, <c>;keyid="…"</c>, <c>;tag="…"</c> when set.</summary>
    public string TrailingParameters { get; }

    /// <summary>Makes a plan, or returns <see langword="null"/> when the signer must decide (parameters, odd names, an unusable key).</summary>
    public static HandlerSigningPlan? TryCreate(IList<string> components, HttpSignatureKey key, HttpSignatureAlgorithmRegistry algorithms, bool includeAlgorithm, string? tag)
    {
        var names = new string[components.Count];
        var items = new SfItem[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var name = components[i];
            if (string.IsNullOrEmpty(name) || name[0] == '"')
            {
                return null;
            }

            foreach (var c in name)
            {
                if (c is < ' ' or > '~' or '"' or '\\')
                {
                    return null;
                }
            }

            names[i] = name;
            items[i] = new SfItem(name);
        }

        var algorithm = key.Algorithms[0];
        if (!key.HasPrivateKey || !algorithms.TryGet(algorithm, out var implementation) || !implementation.SupportsKey(key))
        {
            return null;
        }

        var trailing = new List<KeyValuePair<string, object>>(3);
        if (includeAlgorithm)
        {
            trailing.Add(new("alg", algorithm));
        }

        trailing.Add(new("keyid", key.KeyId));
        if (tag is not null)
        {
            trailing.Add(new("tag", tag));
        }

        try
        {
            var listText = StructuredFieldSerializer.SerializeMember(new SfInnerList(items));
            var trailingText = StructuredFieldSerializer.SerializeMember(new SfInnerList([], new SfParameters(trailing)))[2..];
            return new HandlerSigningPlan(names, key, algorithm, includeAlgorithm, tag, listText, trailingText);
        }
        catch (StructuredFieldException)
        {
            return null;
        }
    }

    /// <summary>Gets whether the plan still describes the current options (they are mutable, so check every time; it is a few reference compares).</summary>
    public bool Matches(IList<string> components, HttpSignatureKey key, bool includeAlgorithm, string? tag)
    {
        if (!ReferenceEquals(Key, key) || IncludeAlgorithm != includeAlgorithm || !string.Equals(Tag, tag, StringComparison.Ordinal)
            || Components.Length != components.Count || !string.Equals(Algorithm, key.Algorithms[0], StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < Components.Length; i++)
        {
            if (!string.Equals(Components[i], components[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
