namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// Shared string instances for the component names and labels nearly every signature uses, so reading a signature
/// does not allocate a fresh string for <c>"@method"</c> on every request. Unknown names get a new string.
/// </summary>
internal static class WellKnownNames
{
    private static readonly string[] Names =
    [
        "@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query", "@query-param", "@status",
        "content-digest", "content-type", "content-length", "date", "host", "authorization", "digest",
        "sig1", "sig2", "sig3",
    ];

    public static string Get(ReadOnlySpan<char> value)
    {
        foreach (var name in Names)
        {
            if (value.SequenceEqual(name))
            {
                return name;
            }
        }

        return value.ToString();
    }
}
