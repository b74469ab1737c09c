namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>How the signing handler signs outgoing requests.</summary>
public sealed class HttpMessageSigningOptions
{
    /// <summary>
    /// Gets the signing keys. One signature is added per key (labels <c>sig1</c>, <c>sig2</c>, ...), so during a rotation
    /// the client signs with the old and the new key and whichever the server trusts verifies.
    /// </summary>
    /// <value>The default is empty, which fails when a request is sent.</value>
    public IList<HttpSignatureKey> Keys { get; } = [];

    /// <summary>Gets the components covered when the request has no body.</summary>
    /// <value>The default is <c>@method</c>, <c>@authority</c>, <c>@path</c>, <c>@query</c>.</value>
    public IList<string> Components { get; } = ["@method", "@authority", "@path", "@query"];

    /// <summary>Gets the components covered when the request has a body; <c>content-digest</c> is what binds the body.</summary>
    /// <value>The default is <see cref="Components"/>' defaults plus <c>content-digest</c>, <c>content-type</c>.</value>
    public IList<string> ComponentsWithBody { get; } = ["@method", "@authority", "@path", "@query", "content-digest", "content-type"];

    /// <summary>Gets or sets the Content-Digest algorithm added to requests with a body.</summary>
    /// <value>The default is <c>sha-256</c>.</value>
    public string ContentDigestAlgorithm { get; set; } = ContentDigest.Sha256;

    /// <summary>Gets or sets how long after creation a signature expires; <see langword="null"/> omits <c>expires</c>.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan? ExpiresAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets whether a fresh random <c>nonce</c> is added to every signature.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool IncludeNonce { get; set; } = true;

    /// <summary>Gets or sets whether the <c>alg</c> parameter is sent.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool IncludeAlgorithm { get; set; }

    /// <summary>Gets or sets the application <c>tag</c>.</summary>
    /// <value>The default is <see langword="null"/> (omitted).</value>
    public string? Tag { get; set; }
}
