using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// What a signed request must satisfy on the endpoints that use this profile. The defaults are the secure choice:
/// method, authority, path and query covered; with a body also a verified Content-Digest and the Content-Type;
/// a nonce that is checked against replay; at most 5 minutes old; no legacy rsa-v1_5.
/// </summary>
public sealed class SignatureProfile
{
    private HttpSignatureVerificationPolicy? _withoutBody;
    private HttpSignatureVerificationPolicy? _withBody;

    /// <summary>Gets the components a signature must cover when the request has no body.</summary>
    /// <value>The default is <c>@method</c>, <c>@authority</c>, <c>@path</c>, <c>@query</c>.</value>
    public IList<string> RequiredComponents { get; } = ["@method", "@authority", "@path", "@query"];

    /// <summary>Gets the components a signature must cover when the request has a body; must include <c>content-digest</c>.</summary>
    /// <value>The default is <c>@method</c>, <c>@authority</c>, <c>@path</c>, <c>@query</c>, <c>content-digest</c>, <c>content-type</c>.</value>
    public IList<string> RequiredComponentsWithBody { get; } = ["@method", "@authority", "@path", "@query", "content-digest", "content-type"];

    /// <summary>Gets the accepted algorithms; a key's own allowed algorithms apply as well.</summary>
    /// <value>The default is ed25519, ecdsa-p256-sha256, ecdsa-p384-sha384, rsa-pss-sha512 and hmac-sha256 (not rsa-v1_5-sha256).</value>
    public IList<string> AllowedAlgorithms { get; } =
    [
        HttpSignatureAlgorithms.Ed25519,
        HttpSignatureAlgorithms.EcdsaP256Sha256,
        HttpSignatureAlgorithms.EcdsaP384Sha384,
        HttpSignatureAlgorithms.RsaPssSha512,
        HttpSignatureAlgorithms.HmacSha256,
    ];

    /// <summary>Gets the accepted Content-Digest algorithms.</summary>
    /// <value>The default is sha-256 and sha-512.</value>
    public IList<string> DigestAlgorithms { get; } = [ContentDigest.Sha256, ContentDigest.Sha512];

    /// <summary>Gets or sets the oldest <c>created</c> accepted. Nonces are remembered this long plus the skew.</summary>
    /// <value>The default is 5 minutes; at most 1 hour.</value>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how far in the future <c>created</c> may be.</summary>
    /// <value>The default is 30 seconds; at most 5 minutes.</value>
    public TimeSpan AllowedFutureSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets whether <c>expires</c> must be present (it is enforced whenever present).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireExpires { get; set; }

    /// <summary>Gets or sets whether a <c>nonce</c> is required; each nonce is accepted once per key.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RequireNonce { get; set; } = true;

    /// <summary>Gets or sets the <c>tag</c> a signature must carry, for applications that scope signatures.</summary>
    /// <value>The default is <see langword="null"/> (any or none).</value>
    public string? RequiredTag { get; set; }

    /// <summary>Gets or sets what happens when the replay store cannot answer.</summary>
    /// <value>The default is <see cref="ReplayStoreFailureMode.FailClosed"/>.</value>
    public ReplayStoreFailureMode ReplayStoreFailureMode { get; set; } = ReplayStoreFailureMode.FailClosed;

    /// <summary>
    /// Gets or sets the most body bytes a signed request may make the server read and buffer, for the Content-Digest
    /// check and for trailers; a larger body is refused with 413 before the endpoint runs.
    /// </summary>
    /// <value>The default is 1 MiB (1,048,576 bytes); it must be positive.</value>
    public long MaxBufferedBodySize { get; set; } = 1024 * 1024;

    internal TimeSpan NonceLifetime => MaxAge + AllowedFutureSkew;

    /// <summary>A policy for one label only, for verifying each signature of a request on its own (not cached: labels are the client's).</summary>
    internal HttpSignatureVerificationPolicy Policy(bool hasBody, string label)
    {
        var policy = Build(hasBody);
        policy.Label = label;
        return policy;
    }

    internal HttpSignatureVerificationPolicy Policy(bool hasBody)
    {
        var cached = hasBody ? _withBody : _withoutBody;
        if (cached is not null)
        {
            return cached;
        }

        var policy = Build(hasBody);

        // Profiles are configured at start-up; caching the derived policy keeps the hot path allocation-free.
        if (hasBody)
        {
            _withBody = policy;
        }
        else
        {
            _withoutBody = policy;
        }

        return policy;
    }

    private HttpSignatureVerificationPolicy Build(bool hasBody)
    {
        var policy = new HttpSignatureVerificationPolicy
        {
            MaxAge = MaxAge,
            AllowedFutureSkew = AllowedFutureSkew,
            RequireExpires = RequireExpires,
            RequireNonce = RequireNonce,
            RequiredTag = RequiredTag,
            RequireCreated = true,
        };
        foreach (var component in hasBody ? RequiredComponentsWithBody : RequiredComponents)
        {
            policy.RequiredComponents.Add(component);
        }

        foreach (var algorithm in AllowedAlgorithms)
        {
            policy.AllowedAlgorithms.Add(algorithm);
        }

        return policy;
    }
}
