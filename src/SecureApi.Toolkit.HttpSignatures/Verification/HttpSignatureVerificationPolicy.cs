namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>What a verifier demands of a signature beyond cryptographic validity. Defaults are the secure choice.</summary>
public sealed class HttpSignatureVerificationPolicy
{
    /// <summary>Gets or sets the signature label to verify; when <see langword="null"/>, any label that satisfies the policy is accepted.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Label { get; set; }

    /// <summary>Gets the component identifiers every accepted signature must cover, serialized as in <c>Signature-Input</c> without quotes for plain names (<c>@method</c>, <c>content-digest</c>).</summary>
    /// <value>The default is empty.</value>
    public IList<string> RequiredComponents { get; } = [];

    /// <summary>Gets the algorithms accepted; empty accepts every algorithm the key allows.</summary>
    /// <value>The default is empty.</value>
    public IList<string> AllowedAlgorithms { get; } = [];

    /// <summary>Gets or sets whether <c>created</c> must be present.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RequireCreated { get; set; } = true;

    /// <summary>Gets or sets the oldest <c>created</c> accepted, relative to now.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how far in the future <c>created</c> may be (clock skew).</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan AllowedFutureSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets whether <c>expires</c> must be present (it is enforced whenever present).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireExpires { get; set; }

    /// <summary>Gets or sets whether <c>nonce</c> must be present.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireNonce { get; set; }

    /// <summary>Gets or sets the <c>tag</c> the signature must carry, when the application uses one.</summary>
    /// <value>The default is <see langword="null"/> (any or none).</value>
    public string? RequiredTag { get; set; }

    /// <summary>Gets or sets the most signatures examined in one message, so a flood of labels cannot buy many verifications.</summary>
    /// <value>The default is 4.</value>
    public int MaxSignatures { get; set; } = 4;
}
