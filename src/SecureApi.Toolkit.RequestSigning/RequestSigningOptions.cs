namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Options of the request-signing verification. Keys are configured in <c>HttpSignatureKeyOptions</c>.</summary>
public sealed class RequestSigningOptions
{
    /// <summary>The name of the default profile.</summary>
    public const string DefaultProfileName = "default";

    /// <summary>Gets the profiles by name; <see cref="DefaultProfileName"/> always exists.</summary>
    /// <value>The default holds one profile, <c>default</c>, with secure defaults.</value>
    public IDictionary<string, SignatureProfile> Profiles { get; } = new Dictionary<string, SignatureProfile>(StringComparer.Ordinal)
    {
        [DefaultProfileName] = new SignatureProfile(),
    };

    /// <summary>Gets or sets whether every endpoint without <c>DisableSignature()</c> requires a signature.</summary>
    /// <value>The default is <see langword="false"/>: only endpoints with <c>RequireSignature()</c> do; elsewhere a present signature is still verified.</value>
    public bool RequireByDefault { get; set; }

    /// <summary>
    /// Gets or sets the external origin (<c>https://api.example.com</c>) clients sign for. Behind a reverse proxy the
    /// request's own scheme and host are the proxy's view; with this set, <c>@scheme</c>, <c>@authority</c> and
    /// <c>@target-uri</c> use it instead. When <see langword="null"/>, the request's scheme and Host are used, which
    /// <c>UseForwardedHeaders()</c> rewrites only for the proxies it trusts (KnownProxies/KnownNetworks).
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Uri? ExternalOrigin { get; set; }

    /// <summary>
    /// Gets or sets a path prefix a proxy strips before forwarding (<c>/api</c>); it is put back in front of the raw
    /// request target, so <c>@path</c> and <c>@request-target</c> are what the client sent.
    /// </summary>
    /// <value>The default is empty.</value>
    public string ExternalPathBase { get; set; } = string.Empty;

    /// <summary>Gets the options for signing the responses to verified signed requests.</summary>
    /// <value>The default signs nothing (no key).</value>
    public ResponseSigningOptions ResponseSigning { get; } = new();
}
