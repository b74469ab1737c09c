namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>What to sign and which metadata to attach, for <see cref="HttpMessageSigner"/>.</summary>
public sealed class HttpSignatureSigningParameters
{
    /// <summary>Gets or sets the signature label.</summary>
    /// <value>The default is <c>sig1</c>.</value>
    public string Label { get; set; } = "sig1";

    /// <summary>
    /// Gets the covered components in order: plain names (<c>@method</c>, <c>content-digest</c>) or serialized identifiers
    /// with parameters (<c>"@query-param";name="id"</c>, <c>"example-dict";key="a"</c>).
    /// </summary>
    /// <value>The default is empty.</value>
    public IList<string> Components { get; } = [];

    /// <summary>Gets or sets the <c>created</c> parameter.</summary>
    /// <value>The default is <see langword="null"/> (omitted).</value>
    public DateTimeOffset? Created { get; set; }

    /// <summary>Gets or sets the <c>expires</c> parameter.</summary>
    /// <value>The default is <see langword="null"/> (omitted).</value>
    public DateTimeOffset? Expires { get; set; }

    /// <summary>Gets or sets the <c>nonce</c> parameter.</summary>
    /// <value>The default is <see langword="null"/> (omitted).</value>
    public string? Nonce { get; set; }

    /// <summary>Gets or sets whether the <c>alg</c> parameter is sent.</summary>
    /// <value>The default is <see langword="false"/>: the verifier takes the algorithm from the key, as RFC 9421 recommends.</value>
    public bool IncludeAlgorithm { get; set; }

    /// <summary>Gets or sets the algorithm; when <see langword="null"/>, the key's first allowed algorithm.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Algorithm { get; set; }

    /// <summary>Gets or sets the <c>tag</c> parameter.</summary>
    /// <value>The default is <see langword="null"/> (omitted).</value>
    public string? Tag { get; set; }
}
